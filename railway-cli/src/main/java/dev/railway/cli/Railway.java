package dev.railway.cli;

import dev.railway.cli.bench.BenchCommand;
import dev.railway.cli.demo.DemoCommand;
import dev.railway.cli.worker.WorkerCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code railway} command. Subcommands are listed in the {@code subcommands} attribute below:
 * to add one, write a {@code @Command} class implementing {@code Callable<Integer>} (return an
 * {@link ExitCode}), use {@code @Mixin WorkflowSource} if it reads workflow definitions, print
 * through {@code spec.commandLine().getOut()/getErr()}, and add the class to that list.
 */
@Command(
    name = "railway",
    mixinStandardHelpOptions = true,
    versionProvider = Railway.Version.class,
    description = "Safe third-party integrations: workflows where every result is a transition.",
    subcommands = {
      ValidateCommand.class,
      DiagramCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      BenchCommand.class,
      WorkerCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Railway implements Runnable {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with railway's error handling, printing to System.out and System.err. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** As {@link #commandLine()}, creating commands through {@code factory} (tests swap some). */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(new Railway(), factory);
    cli.setExecutionExceptionHandler(Railway::handle);
    return cli;
  }

  /** {@code railway} alone: show what it can do. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a command");
  }

  private static int handle(Exception error, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (error instanceof WorkflowSourceException) {
      err.println("railway " + cli.getCommandName() + ": " + error.getMessage());
      err.flush();
      return ExitCode.USAGE;
    }
    err.println("railway " + cli.getCommandName() + ": internal error, please report it:");
    error.printStackTrace(err);
    err.flush();
    return ExitCode.INTERNAL;
  }

  /** The version from the jar's manifest (set by the build). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Railway.class.getPackage().getImplementationVersion();
      return new String[] {"railway " + (version == null ? "(development build)" : version)};
    }
  }
}
