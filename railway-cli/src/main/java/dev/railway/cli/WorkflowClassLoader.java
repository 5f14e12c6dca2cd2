package dev.railway.cli;

import dev.railway.definition.Workflow;
import dev.railway.definition.WorkflowProvider;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Finds users' workflows by class name: a {@link WorkflowProvider}, or static factory methods. */
final class WorkflowClassLoader {
  private WorkflowClassLoader() {}

  static List<Workflow<?>> load(String className, String classpath) {
    Class<?> type = findClass(className, classLoader(classpath));
    List<Workflow<?>> workflows =
        WorkflowProvider.class.isAssignableFrom(type)
            ? fromProvider(type)
            : fromStaticMethods(type);
    if (workflows.isEmpty()) {
      throw new WorkflowSourceException("class '" + className + "' provides no workflows");
    }
    return workflows;
  }

  private static ClassLoader classLoader(String classpath) {
    ClassLoader parent = WorkflowClassLoader.class.getClassLoader();
    if (classpath == null) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        throw new WorkflowSourceException(
            "classpath entry '"
                + entry
                + "' does not exist (resolved to "
                + path.toAbsolutePath()
                + ")");
      }
      try {
        urls.add(path.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new WorkflowSourceException("classpath entry '" + entry + "' is not usable: " + e, e);
      }
    }
    // Parent first, so users' classes see the very Workflow types this CLI inspects. Left open:
    // the loaded definitions may load more classes while they are validated or drawn.
    return new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  private static Class<?> findClass(String className, ClassLoader loader) {
    try {
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new WorkflowSourceException(
          "class '"
              + className
              + "' not found; give its fully qualified name, and its jar or classes directory"
              + " with --classpath",
          e);
    } catch (LinkageError e) {
      throw new WorkflowSourceException("class '" + className + "' could not be loaded: " + e, e);
    }
  }

  private static List<Workflow<?>> fromProvider(Class<?> type) {
    WorkflowProvider provider;
    try {
      provider = (WorkflowProvider) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new WorkflowSourceException(
          "WorkflowProvider '" + type.getName() + "' needs a public no-argument constructor", e);
    } catch (InstantiationException e) {
      throw new WorkflowSourceException(
          "WorkflowProvider '" + type.getName() + "' is abstract; point --class at a concrete one",
          e);
    } catch (InvocationTargetException e) {
      throw failed(type.getName() + " constructor", e.getCause());
    }
    try {
      List<Workflow<?>> workflows = provider.workflows();
      if (workflows == null) {
        throw new WorkflowSourceException(type.getName() + ".workflows() returned null");
      }
      return List.copyOf(workflows);
    } catch (WorkflowSourceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failed(type.getName() + ".workflows()", e);
    }
  }

  private static List<Workflow<?>> fromStaticMethods(Class<?> type) {
    List<Method> factories =
        Arrays.stream(type.getMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()))
            .filter(m -> m.getParameterCount() == 0)
            .filter(m -> Workflow.class.isAssignableFrom(m.getReturnType()))
            .sorted(Comparator.comparing(Method::getName))
            .toList();
    if (factories.isEmpty()) {
      throw new WorkflowSourceException(
          "class '"
              + type.getName()
              + "' is neither a dev.railway.definition.WorkflowProvider nor has a public static"
              + " no-argument method returning Workflow");
    }
    List<Workflow<?>> workflows = new ArrayList<>();
    for (Method factory : factories) {
      String call = type.getName() + "." + factory.getName() + "()";
      try {
        Workflow<?> workflow = (Workflow<?>) factory.invoke(null);
        if (workflow == null) {
          throw new WorkflowSourceException(call + " returned null");
        }
        workflows.add(workflow);
      } catch (IllegalAccessException e) {
        throw new WorkflowSourceException(call + " is not accessible: " + e.getMessage(), e);
      } catch (InvocationTargetException e) {
        throw failed(call, e.getCause());
      }
    }
    return workflows;
  }

  private static WorkflowSourceException failed(String call, Throwable cause) {
    return new WorkflowSourceException(call + " failed to build the workflows: " + cause, cause);
  }
}
