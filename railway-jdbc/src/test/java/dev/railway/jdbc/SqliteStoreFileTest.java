package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.railway.engine.testing.SettableClock;
import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.Lock;
import dev.railway.store.NewInstance;
import dev.railway.store.NextStep;
import dev.railway.store.OutboxEntry;
import dev.railway.store.SerializedEvent;
import dev.railway.store.StartResult;
import dev.railway.store.TaskEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite store adds to the contract: a file that outlives the process, and its schema. */
class SqliteStoreFileTest {
  private static final Instant T0 = Instant.parse("2030-01-02T03:04:05.123456789Z");

  @TempDir Path directory;
  private final SettableClock clock = new SettableClock(T0);

  private Path db() {
    return directory.resolve("railway.db");
  }

  private static SerializedEvent event(String type, String id) {
    return new SerializedEvent("dev.example." + type, "{\"id\":\"" + id + "\"}");
  }

  private TaskEntry task(String instanceId, String taskId, boolean todo) {
    return new TaskEntry(
        taskId,
        instanceId,
        "order-creation",
        todo ? "pay" : "reserve-stock",
        todo,
        event("OrderPlaced", instanceId),
        todo ? event("PaymentView", taskId) : null,
        clock.instant(),
        todo ? null : clock.instant(),
        todo ? clock.instant().plusSeconds(3600) : null,
        0);
  }

  private TaskEntry start(SqliteStore store, String instanceId) {
    TaskEntry first = task(instanceId, "reserve-" + instanceId, false);
    assertThat(
            store.start(
                new NewInstance(
                    instanceId,
                    "order-creation",
                    "trigger-" + instanceId,
                    event("OrderPlaced", instanceId),
                    first)))
        .isEqualTo(new StartResult.Started(instanceId));
    return first;
  }

  private DecisionRecord decision(TaskEntry task, NextStep next) {
    return new DecisionRecord(
        task.instanceId(),
        task.taskId(),
        task.taskName(),
        event("StockReserved", task.taskId()),
        "DECISION",
        "attempt-1",
        clock.instant(),
        next);
  }

  /** Everything a store can be asked, for comparing a store before and after reopening. */
  private static List<Object> everything(SqliteStore store, List<String> instanceIds) {
    List<Object> all = new ArrayList<>();
    all.add(store.instances());
    all.add(store.openTasks());
    all.add(store.nextDueAt());
    all.add(store.undelivered(100));
    all.add(store.openTodos("order-creation", "pay"));
    for (String id : instanceIds) {
      all.add(store.stream(id));
      all.add(store.decisions(id));
      for (DecisionRecord d : store.decisions(id)) {
        all.add(store.task(d.taskId()));
        all.add(store.locks(d.taskId()));
      }
    }
    return all;
  }

  @Test
  void reopeningTheFileKeepsEverything() {
    List<String> ids = List.of("finished", "waiting", "mid-attempt", "todo");
    List<Object> before;
    Lock liveLock;
    try (SqliteStore store = SqliteStore.open(db(), clock)) {
      TaskEntry a = start(store, "finished");
      TaskEntry b = start(store, "waiting");
      TaskEntry c = start(store, "mid-attempt");
      store.start(
          new NewInstance(
              "todo",
              "order-creation",
              "trigger-todo",
              event("OrderPlaced", "todo"),
              task("todo", "pay-todo", true)));
      store.commit(List.of(decision(a, new NextStep.Finish(event("OrderCreated", "finished")))));
      store.commit(List.of(decision(b, new NextStep.Enter(task("waiting", "invoice-b", false)))));
      store.reschedule("invoice-b", T0.plusSeconds(60), 2);
      Lock faulted = store.writeLock(a.taskId(), "attempt-1", Duration.ofSeconds(30));
      store.markLockFaulted(faulted.sequence());
      store.markLockResolved(faulted.sequence());
      // The engine stops mid-attempt: task claimed, lock written, attempt started, no decision.
      assertThat(store.claimDue("worker-1", 10, Duration.ofSeconds(45))).contains(c);
      liveLock = store.writeLock(c.taskId(), "attempt-2", Duration.ofSeconds(40));
      store.appendLatest("mid-attempt", "AttemptStarted", c.taskId(), "attempt 1");
      before = everything(store, ids);
      before.add(store.locks(c.taskId()));
    }

    try (SqliteStore reopened = SqliteStore.open(db(), clock)) {
      List<Object> after = everything(reopened, ids);
      after.add(reopened.locks("reserve-mid-attempt"));
      assertThat(after).isEqualTo(before);
      assertThat(reopened.locks("reserve-mid-attempt")).containsExactly(liveLock);

      // The lease and the lock were persisted: nobody re-runs the attempt before they expire ...
      assertThat(reopened.claimDue("worker-2", 10, Duration.ofSeconds(45))).isEmpty();
      clock.advance(Duration.ofSeconds(45));
      assertThat(reopened.claimDue("worker-2", 10, Duration.ofSeconds(45)))
          .extracting(TaskEntry::taskId)
          .containsExactly("reserve-mid-attempt");
      // ... and sequences keep increasing across the restart.
      assertThat(
              reopened
                  .writeLock("reserve-mid-attempt", "attempt-3", Duration.ofSeconds(1))
                  .sequence())
          .isGreaterThan(liveLock.sequence());
      assertThat(
              reopened.commit(
                  List.of(
                      decision(
                          reopened.task("reserve-finished").orElseThrow(),
                          new NextStep.Finish(event("Again", "x"))))))
          .singleElement()
          .isInstanceOf(CommitResult.AlreadyDecided.class);
    }
  }

  @Test
  void committedWorkSurvivesAProcessThatNeverClosedTheStore() {
    SqliteStore abandoned = SqliteStore.open(db(), clock);
    TaskEntry t = start(abandoned, "i1");
    abandoned.commit(List.of(decision(t, new NextStep.Finish(event("OrderCreated", "i1")))));

    // A second process-like opener sees it without the first one checkpointing or closing.
    try (SqliteStore other = SqliteStore.open(db(), clock)) {
      assertThat(other.instance("i1").orElseThrow().finished()).isTrue();
      assertThat(other.undelivered(10)).extracting(OutboxEntry::instanceId).containsExactly("i1");
    } finally {
      abandoned.close();
    }
  }

  @Test
  void theConnectionIsDurableAndChecksForeignKeys() throws Exception {
    try (SqliteStore store = SqliteStore.open(db(), clock)) {
      assertThat(store.pragma("journal_mode")).isEqualTo("wal");
      assertThat(store.pragma("synchronous")).as("FULL").isEqualTo("2");
      assertThat(store.pragma("foreign_keys")).isEqualTo("1");
      assertThat(Long.parseLong(store.pragma("busy_timeout")))
          .isEqualTo(SqliteStore.BUSY_TIMEOUT.toMillis());
      assertThat(store.longestWait())
          .as("a default task's result is recorded within its grace")
          .isEqualTo(SqliteStore.BUSY_TIMEOUT)
          .isLessThanOrEqualTo(dev.railway.definition.StateTaskBuilder.DEFAULT_LOCK_GRACE);
    }
  }

  @Test
  void migrationsAreAppliedOnce() throws Exception {
    SqliteStore.open(db(), clock).close();
    clock.advance(Duration.ofDays(1));
    SqliteStore.open(db(), clock).close();

    try (Connection c = raw();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, script, applied_at_ns FROM schema_version")) {
      List<String> rows = new ArrayList<>();
      while (r.next()) {
        rows.add(r.getInt(1) + " " + r.getString(2) + " " + r.getLong(3));
      }
      assertThat(rows)
          .containsExactly(
              "1 V1__init.sql " + EpochNanos.of(T0),
              "2 V2__outbox_leases.sql " + EpochNanos.of(T0),
              "3 V3__search_indexes.sql " + EpochNanos.of(T0),
              "4 V4__trace_context.sql " + EpochNanos.of(T0));
    }
    assertThat(SqliteStore.schemaVersion()).isEqualTo(4);
  }

  @Test
  void aDatabaseWithANewerSchemaIsRefusedAndLeftAlone() throws Exception {
    SqliteStore.open(db(), clock).close();
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (7, 'V7__future.sql', 0)");
    }

    assertThatThrownBy(() -> SqliteStore.open(db(), clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("schema version 7")
        .hasMessageContaining("newer");

    try (Connection c = raw();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(7);
    }
  }

  @Test
  void aFileThatIsNotASqliteDatabaseIsRefusedUntouched() throws Exception {
    Files.writeString(db(), "order-1,paid\norder-2,refunded\n");

    assertThatThrownBy(() -> SqliteStore.open(db(), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("not a SQLite database");
    assertThat(Files.readString(db())).isEqualTo("order-1,paid\norder-2,refunded\n");
  }

  @Test
  void someoneElsesSqliteDatabaseIsRefusedUntouched() throws Exception {
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (name TEXT)");
      s.execute("INSERT INTO customers VALUES ('Ada')");
    }

    assertThatThrownBy(() -> SqliteStore.open(db(), clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("not a Railway store")
        .hasMessageContaining("customers");
    try (Connection c = raw();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT group_concat(name) FROM sqlite_master")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("customers");
    }
  }

  @Test
  void anEmptyFileBecomesAStore() throws Exception {
    Files.createFile(db());
    try (SqliteStore store = SqliteStore.open(db(), clock)) {
      start(store, "i1");
      assertThat(store.instances()).hasSize(1);
    }
  }

  @Test
  void aDirectoryIsRefused() {
    assertThatThrownBy(() -> SqliteStore.open(directory, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(directory.toString())
        .hasMessageContaining("is a directory");
  }

  @Test
  void aMissingDirectoryIsRefused() {
    Path missing = directory.resolve("no-such-dir").resolve("railway.db");
    assertThatThrownBy(() -> SqliteStore.open(missing, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
    assertThat(missing.getParent()).doesNotExist();
  }

  @Test
  void aPathUnderAFileIsRefused() throws Exception {
    Path file = Files.writeString(directory.resolve("notes.txt"), "keep me");
    Path under = file.resolve("railway.db");
    assertThatThrownBy(() -> SqliteStore.open(under, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(under.toString())
        .hasMessageContaining("is not a directory");
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void aReadOnlyFileIsRefused() throws Exception {
    SqliteStore.open(db(), clock).close();
    Files.setPosixFilePermissions(db(), PosixFilePermissions.fromString("r--r--r--"));
    assumeFalse(Files.isWritable(db()), "running as a user who can write read-only files (root)");

    assertThatThrownBy(() -> SqliteStore.open(db(), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("not readable and writable");
  }

  @Test
  void aFirstTaskWhoseIdIsTakenIsRefusedAndNothingStarts() {
    try (SqliteStore store = SqliteStore.open(db(), clock)) {
      TaskEntry taken = start(store, "i1");
      NewInstance clash =
          new NewInstance(
              "i2",
              "order-creation",
              "trigger-i2",
              event("OrderPlaced", "i2"),
              new TaskEntry(
                  taken.taskId(),
                  "i2",
                  "order-creation",
                  "reserve-stock",
                  false,
                  null,
                  null,
                  T0,
                  T0,
                  null,
                  0));

      assertThat(store.start(clash)).isEqualTo(new StartResult.DuplicateTaskId(taken.taskId()));
      assertThat(store.instance("i2")).isEmpty();
      assertThat(store.task(taken.taskId())).contains(taken);
    }
  }

  @Test
  void aDecisionForAnUnknownInstanceFailsTheWholeBatch() {
    try (SqliteStore store = SqliteStore.open(db(), clock)) {
      TaskEntry real = start(store, "i1");
      TaskEntry ghost = task("ghost", "reserve-ghost", false);
      List<DecisionRecord> batch =
          List.of(
              decision(real, new NextStep.Finish(event("OrderCreated", "i1"))),
              decision(ghost, new NextStep.Finish(event("OrderCreated", "ghost"))));

      assertThatThrownBy(() -> store.commit(batch))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ghost");
      assertThat(store.decision(real.taskId())).isEmpty();
      assertThat(store.openTasks()).containsExactly(real);
    }
  }

  @Test
  void aDecisionMissingItsEventIsRefusedNamingTheField() {
    try (SqliteStore store = SqliteStore.open(db(), clock)) {
      TaskEntry t = start(store, "i1");
      DecisionRecord noEvent =
          new DecisionRecord(
              "i1",
              t.taskId(),
              t.taskName(),
              null,
              "DECISION",
              "a",
              T0,
              new NextStep.Finish(event("OrderCreated", "i1")));

      assertThatThrownBy(() -> store.commit(List.of(noEvent)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event is missing");
      assertThat(store.decision(t.taskId())).isEmpty();
    }
  }

  @Test
  void aClosedStoreSaysWhichFile() {
    SqliteStore store = SqliteStore.open(db(), clock);
    store.close();
    store.close();
    assertThatThrownBy(store::instances)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("closed");
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db());
  }
}
