package dev.railway.http;

import dev.railway.definition.Cause;
import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.engine.OpenTodo;
import dev.railway.store.TaskEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The query side of ToDo endpoints: open ToDos a principal may see, paged, and one read model. An
 * expired ToDo is listed nowhere, whether or not a worker has recorded its expiry.
 */
public final class TodoQueries {
  private static final Comparator<OpenTodo<?>> ORDER =
      Comparator.<OpenTodo<?>, java.time.Instant>comparing(OpenTodo::openedAt)
          .thenComparing(OpenTodo::taskId);

  private final Engine engine;
  private final TodoCommands commands;

  private TodoQueries(Engine engine, TodoCommands commands) {
    this.engine = engine;
    this.commands = commands;
  }

  public static TodoQueries of(Engine engine, TodoCommands commands) {
    return new TodoQueries(
        Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(commands, "commands"));
  }

  /**
   * One page of open ToDos.
   *
   * @param next the cursor of the following page, or null on the last one
   */
  public record Page(List<OpenTodo<?>> items, String next) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /** What a lookup of one ToDo found. */
  public sealed interface Lookup {
    record Found(OpenTodo<?> todo) implements Lookup {}

    record Refused(Refusal refusal, String detail) implements Lookup {}
  }

  /**
   * Open ToDos at {@code address} that {@code principal} may see, oldest first, at most {@code
   * limit} after {@code cursor} (null for the first page).
   *
   * @throws IllegalArgumentException for a cursor this class did not write
   */
  public Page open(String address, Principal principal, String cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1; was " + limit);
    }
    Cursor after = cursor == null ? null : Cursor.parse(cursor);
    List<OpenTodo<?>> visible = new ArrayList<>();
    for (TodoEndpoint e : commands.at(address)) {
      visible.addAll(engine.todos().open(principal, e.workflow().id(), e.todo().name()));
    }
    visible.sort(ORDER);
    List<OpenTodo<?>> page = new ArrayList<>();
    for (OpenTodo<?> t : visible) {
      if (after != null && !after.before(t)) {
        continue;
      }
      if (page.size() == limit) {
        OpenTodo<?> last = page.get(page.size() - 1);
        return new Page(page, new Cursor(last.openedAt(), last.taskId()).format());
      }
      page.add(t);
    }
    return new Page(page, null);
  }

  /** The open ToDo {@code taskId} at {@code address}, if {@code principal} may see it. */
  public Lookup one(String address, String taskId, Principal principal) {
    Optional<TodoEndpoint> endpoint = commands.endpointOf(address, taskId, principal);
    if (endpoint.isEmpty()) {
      CommandResult.Refused r = TodoCommands.notAllowed(taskId);
      return new Lookup.Refused(r.refusal(), r.detail());
    }
    Optional<Object> readModel = engine.todos().readModel(principal, taskId);
    TaskEntry entry = engine.store().task(taskId).orElseThrow();
    if (readModel.isPresent()) {
      return new Lookup.Found(
          new OpenTodo<>(
              taskId,
              entry.instanceId(),
              entry.workflow(),
              entry.taskName(),
              readModel.get(),
              entry.enteredAt(),
              entry.deadlineAt()));
    }
    return engine
        .store()
        .decision(taskId)
        .filter(d -> !Cause.EXPIRY.name().equals(d.cause()))
        .<Lookup>map(d ->
            new Lookup.Refused(
                Refusal.CONFLICT, "ToDo " + taskId + " was already decided by " + d.decidedBy()))
        .orElseGet(() -> new Lookup.Refused(Refusal.EXPIRED, "ToDo " + taskId + " has expired"));
  }

  /** A position in the oldest-first order: entries only ever leave it, so paging is stable. */
  private record Cursor(java.time.Instant openedAt, String taskId) {
    boolean before(OpenTodo<?> t) {
      return ORDER.compare(new OpenTodo<>(taskId, null, null, null, null, openedAt, null), t) < 0;
    }

    String format() {
      String raw = openedAt.getEpochSecond() + "." + openedAt.getNano() + "|" + taskId;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String cursor) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int bar = raw.indexOf('|');
        String[] time = raw.substring(0, bar).split("\\.");
        return new Cursor(
            java.time.Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
            raw.substring(bar + 1));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cursor '" + cursor + "' is not one this server wrote");
      }
    }
  }
}
