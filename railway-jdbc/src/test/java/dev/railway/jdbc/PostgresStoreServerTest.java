package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.store.Lock;
import dev.railway.store.NewInstance;
import dev.railway.store.SerializedEvent;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract suite cannot show on PostgreSQL: times from the server clock, schemas,
 * concurrent migration, connections replaced after termination, and LISTEN/NOTIFY wake-ups.
 */
class PostgresStoreServerTest {
  private final List<String> schemas = new ArrayList<>();
  private final List<Store> stores = new ArrayList<>();

  @BeforeEach
  void requireServer() {
    TestPostgres.url();
  }

  @AfterEach
  void cleanUp() {
    stores.forEach(Store::close);
    schemas.forEach(TestPostgres::dropSchema);
  }

  private String schema() {
    String schema = TestPostgres.newSchema("server");
    schemas.add(schema);
    return schema;
  }

  private PostgresStore open(String schema) {
    PostgresStore store =
        PostgresStore.open(
            TestPostgres.url(), PostgresOptions.defaults().withSchema(schema).withPoolSize(4));
    stores.add(store);
    return store;
  }

  private static Instant serverClock() throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT clock_timestamp()")) {
      r.next();
      return r.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private static NewInstance instance(String id) {
    SerializedEvent trigger =
        new SerializedEvent("dev.example.OrderPlaced", "{\"id\":\"" + id + "\"}");
    TaskEntry first =
        new TaskEntry(
            "task-" + id,
            id,
            "wf",
            "reserve",
            false,
            trigger,
            null,
            Instant.now(),
            Instant.now(),
            null,
            0);
    return new NewInstance(id, "wf", "trigger-" + id, trigger, first);
  }

  @Test
  void storeTimesComeFromTheServerClock() throws SQLException {
    PostgresStore store = open(schema());

    Instant before = serverClock();
    Instant now = store.now();
    Lock lock = store.writeLock("t", "attempt-1", Duration.ofSeconds(30));
    Instant after = serverClock();

    assertThat(now).isBetween(before, after);
    assertThat(lock.createdAt()).isBetween(now, after);
    assertThat(lock.expiresAt()).isEqualTo(lock.createdAt().plusSeconds(30));
    assertThat(store.locks("t")).containsExactly(lock);
  }

  @Test
  void storesInDifferentSchemasAreIndependent() {
    PostgresStore a = open(schema());
    PostgresStore b = open(schema());

    assertThat(a.start(instance("i1"))).isEqualTo(new StartResult.Started("i1"));

    assertThat(b.instances()).isEmpty();
    assertThat(b.start(instance("i1"))).isEqualTo(new StartResult.Started("i1"));
    assertThat(a.schema()).isNotEqualTo(b.schema());
  }

  @Test
  void processesOpeningANewSchemaAtOnceMigrateItOnce() throws Exception {
    String schema = schema();
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<PostgresStore>> opening = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opening.add(
            executor.submit(() -> {
              go.await();
              return open(schema);
            }));
      }
      go.countDown();
      for (Future<PostgresStore> f : opening) {
        assertThat(f.get(60, TimeUnit.SECONDS).schema()).isEqualTo(schema);
      }
    } finally {
      executor.shutdownNow();
    }
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + schema + "\".schema_version")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(PostgresStore.schemaVersion());
    }
  }

  @Test
  void aSchemaHoldingOtherTablesIsRefusedUntouched() throws SQLException {
    String schema = schema();
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA \"" + schema + "\"");
      s.execute("CREATE TABLE \"" + schema + "\".customers (id int)");
    }

    assertThatThrownBy(() -> open(schema))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a Railway store")
        .hasMessageContaining("customers")
        .hasMessageContaining(schema);
  }

  @Test
  void terminatedConnectionsAreReplacedWithoutTheCallerNoticing() throws SQLException {
    String schema = schema();
    PostgresStore store = open(schema);
    store.start(instance("i1"));

    assertThat(TestPostgres.terminateBackends(schema)).isPositive();

    assertThat(store.instance("i1")).isPresent();
    assertThat(store.start(instance("i2"))).isEqualTo(new StartResult.Started("i2"));
    assertThat(store.claimDue("w", 10, Duration.ofSeconds(30))).hasSize(2);
  }

  @Test
  void dueWorkAddedByAnotherProcessWakesSubscribersAndSurvivesATerminatedListener()
      throws Exception {
    String schema = schema();
    PostgresStore idle = open(schema);
    PostgresStore busy = open(schema);
    Semaphore wakes = new Semaphore(0);
    Store.Subscription subscription = idle.onDueWork(wakes::release);

    // Connecting wakes once: notifications from before it was listening are lost.
    assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("woken on connecting").isTrue();
    busy.start(instance("i1"));
    assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("woken by a new task").isTrue();

    TestPostgres.terminateBackends(schema);
    assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("woken on reconnecting").isTrue();
    assertThat(idle.listenerConnections()).isGreaterThanOrEqualTo(2);
    wakes.drainPermits();
    busy.reschedule("task-i1", Instant.now(), 1);
    assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("woken by a reschedule").isTrue();

    subscription.close();
    wakes.drainPermits();
    busy.start(instance("i2"));
    busy.start(instance("i3"));
    // A subscriber that is gone is not called; the other store's listener proves the
    // notification was sent.
    Semaphore other = new Semaphore(0);
    busy.onDueWork(other::release);
    assertThat(other.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    busy.start(instance("i4"));
    assertThat(other.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    assertThat(wakes.availablePermits()).isZero();
  }
}
