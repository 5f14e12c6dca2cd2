package dev.railway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.engine.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} must have. Each store module extends this class and supplies
 * the store; {@link InMemoryStore} is the reference. Times are driven by a {@link SettableClock},
 * so nothing here sleeps.
 */
public abstract class StoreContractTest {

  /** Sub-microsecond on purpose: stores must keep instants exactly, not just to the millisecond. */
  protected static final Instant T0 = Instant.parse("2030-01-02T03:04:05.123456789Z");

  protected static final String WORKFLOW = "order-creation";
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected SettableClock clock;
  protected Store store;

  /** A new, empty store whose clock is {@code clock}. */
  protected abstract Store newStore(SettableClock clock);

  @BeforeEach
  void openStore() {
    clock = new SettableClock(T0);
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---- fixtures

  protected static SerializedEvent event(String type, String id) {
    return new SerializedEvent("dev.example." + type, "{\"id\":\"" + id + "\"}");
  }

  protected TaskEntry stateTask(String instanceId, String taskId, Instant dueAt) {
    return new TaskEntry(
        taskId,
        instanceId,
        WORKFLOW,
        "reserve-stock",
        false,
        event("OrderPlaced", instanceId),
        null,
        clock.instant(),
        dueAt,
        null,
        0);
  }

  protected TaskEntry todoTask(
      String instanceId, String taskId, String taskName, Instant deadline) {
    return new TaskEntry(
        taskId,
        instanceId,
        WORKFLOW,
        taskName,
        true,
        event("PaymentRequested", instanceId),
        event("PaymentView", taskId),
        clock.instant(),
        deadline,
        deadline,
        0);
  }

  protected NewInstance newInstance(String instanceId, TaskEntry firstTask) {
    return new NewInstance(
        instanceId, WORKFLOW, "trigger-" + instanceId, event("OrderPlaced", instanceId), firstTask);
  }

  /** Starts an instance whose first task is a State task due now, named {@code task-<id>}. */
  protected TaskEntry started(String instanceId) {
    TaskEntry first = stateTask(instanceId, "task-" + instanceId, clock.instant());
    assertThat(store.start(newInstance(instanceId, first)))
        .isEqualTo(new StartResult.Started(instanceId));
    return first;
  }

  protected DecisionRecord decision(TaskEntry task, String eventType, NextStep next) {
    return new DecisionRecord(
        task.instanceId(),
        task.taskId(),
        task.taskName(),
        event(eventType, task.taskId()),
        "DECISION",
        "attempt-of-" + task.taskId(),
        clock.instant(),
        next);
  }

  protected NextStep.Enter enter(TaskEntry from, String nextTaskId) {
    return new NextStep.Enter(stateTask(from.instanceId(), nextTaskId, clock.instant()));
  }

  protected static NextStep.Finish finish(String outcomeType, String instanceId) {
    return new NextStep.Finish(event(outcomeType, instanceId));
  }

  protected static List<String> ids(List<TaskEntry> tasks) {
    return tasks.stream().map(TaskEntry::taskId).toList();
  }

  protected static List<String> kinds(List<StreamEvent> stream) {
    return stream.stream().map(StreamEvent::kind).toList();
  }

  /**
   * Runs {@code action(0..n-1)} on {@code n} virtual threads released together by a start gate, and
   * returns the results in thread order.
   */
  protected static <T> List<T> race(int n, IntFunction<T> action) throws Exception {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            executor.submit(() -> {
              ready.countDown();
              go.await();
              return action.apply(index);
            }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all racers ready").isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      // Not close(): it would wait forever for a racer stuck in a broken store.
      executor.shutdownNow();
    }
  }

  // ---- the contract

  @Test
  void nowIsTheStoreClock() {
    assertThat(store.now()).isEqualTo(T0);
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.now()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Nested
  class InstancesAndTriggers {

    @Test
    void startRecordsTheInstanceEntersTheFirstTaskAndBeginsTheStream() {
      TaskEntry first = stateTask("i1", "reserve-i1", T0);
      NewInstance n = newInstance("i1", first);

      assertThat(store.start(n)).isEqualTo(new StartResult.Started("i1"));

      assertThat(store.instance("i1"))
          .contains(new InstanceRecord("i1", WORKFLOW, "RUNNING", n.trigger(), null));
      assertThat(store.instance("i1").orElseThrow().finished()).isFalse();
      assertThat(store.task("reserve-i1")).contains(first);
      assertThat(store.openTasks()).containsExactly(first);
      List<StreamEvent> stream = store.stream("i1");
      assertThat(kinds(stream)).containsExactly("TriggerAccepted", "TaskEntered");
      assertThat(stream).extracting(StreamEvent::version).containsExactly(1L, 2L);
      assertThat(stream).extracting(StreamEvent::at).containsOnly(T0);
      assertThat(stream.get(1).taskId()).isEqualTo("reserve-i1");
    }

    @Test
    void theTriggersTraceContextStaysWithTheInstanceToItsEnd() {
      String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
      TaskEntry first = stateTask("i1", "reserve-i1", T0);
      NewInstance plain = newInstance("i1", first);
      NewInstance traced =
          new NewInstance(
              plain.instanceId(),
              plain.workflow(),
              plain.triggerEventId(),
              plain.trigger(),
              plain.firstTask(),
              traceparent);
      assertThat(store.start(traced)).isEqualTo(new StartResult.Started("i1"));
      assertThat(store.instance("i1").orElseThrow().traceContext()).isEqualTo(traceparent);
      store.start(newInstance("i2", stateTask("i2", "reserve-i2", T0)));
      assertThat(store.instance("i2").orElseThrow().traceContext()).isNull();
      store.commit(List.of(decision(first, "Reserved", finish("OrderConfirmed", "i1"))));
      assertThat(store.instance("i1").orElseThrow().finished()).isTrue();
      assertThat(store.instance("i1").orElseThrow().traceContext()).isEqualTo(traceparent);
    }

    @Test
    void aRedeliveredTriggerIsDuplicateAndReturnsTheExistingInstance() {
      started("i1");
      TaskEntry other = stateTask("i2", "task-i2", T0);
      NewInstance redelivery =
          new NewInstance("i2", WORKFLOW, "trigger-i1", event("OrderPlaced", "i1"), other);

      assertThat(store.start(redelivery)).isEqualTo(new StartResult.Duplicate("i1"));

      assertThat(store.instances()).extracting(InstanceRecord::instanceId).containsExactly("i1");
      assertThat(store.instance("i2")).isEmpty();
      assertThat(store.task("task-i2")).isEmpty();
      assertThat(store.stream("i1")).hasSize(2);
    }

    @Test
    void theSameTriggerEventIdInAnotherWorkflowStartsAnotherInstance() {
      started("i1");
      NewInstance other =
          new NewInstance(
              "i2",
              "refund",
              "trigger-i1",
              event("OrderPlaced", "i1"),
              stateTask("i2", "task-i2", T0));

      assertThat(store.start(other)).isEqualTo(new StartResult.Started("i2"));
      assertThat(store.instances()).hasSize(2);
    }

    @Test
    void anExistingInstanceIdIsDuplicate() {
      started("i1");
      NewInstance sameId =
          new NewInstance(
              "i1",
              WORKFLOW,
              "another-trigger",
              event("OrderPlaced", "x"),
              stateTask("i1", "t", T0));

      assertThat(store.start(sameId)).isEqualTo(new StartResult.Duplicate("i1"));
      assertThat(store.task("t")).isEmpty();
    }

    @Test
    void aFirstTaskIdTakenByAnotherInstanceIsDuplicateTaskIdAndStartsNothing() {
      TaskEntry taken = started("i1");
      NewInstance clash = newInstance("i2", stateTask("i2", taken.taskId(), T0));

      assertThat(store.start(clash)).isEqualTo(new StartResult.DuplicateTaskId(taken.taskId()));

      assertThat(store.instance("i2")).isEmpty();
      assertThat(store.stream("i2")).isEmpty();
      assertThat(store.task(taken.taskId())).contains(taken);
      assertThat(store.openTasks()).containsExactly(taken);
      TaskEntry fixed = stateTask("i2", "task-i2", T0);
      assertThat(store.start(newInstance("i2", fixed)))
          .as("the trigger was not consumed")
          .isEqualTo(new StartResult.Started("i2"));
    }

    @Test
    void aFirstTaskIdOfADecidedTaskIsDuplicateTaskId() {
      TaskEntry done = started("i1");
      store.commit(List.of(decision(done, "StockReserved", finish("OrderCreated", "i1"))));

      assertThat(store.start(newInstance("i2", stateTask("i2", done.taskId(), T0))))
          .isEqualTo(new StartResult.DuplicateTaskId(done.taskId()));
      assertThat(store.instance("i2")).isEmpty();
      assertThat(store.task(done.taskId())).contains(done);
    }

    @Test
    void concurrentDeliveriesOfOneTriggerStartExactlyOneInstance() throws Exception {
      List<StartResult> results =
          race(
              16,
              i ->
                  store.start(
                      new NewInstance(
                          "i-" + i,
                          WORKFLOW,
                          "the-trigger",
                          event("OrderPlaced", "x"),
                          stateTask("i-" + i, "task-" + i, T0))));

      List<StartResult> started =
          results.stream().filter(r -> r instanceof StartResult.Started).toList();
      assertThat(started).hasSize(1);
      String winner = ((StartResult.Started) started.get(0)).instanceId();
      assertThat(results).filteredOn(r -> r instanceof StartResult.Duplicate).hasSize(15);
      assertThat(results)
          .filteredOn(r -> r instanceof StartResult.Duplicate)
          .containsOnly(new StartResult.Duplicate(winner));
      assertThat(store.instances()).extracting(InstanceRecord::instanceId).containsExactly(winner);
      assertThat(store.openTasks()).hasSize(1);
    }

    @Test
    void instancesAreListedOldestFirst() {
      for (String id : List.of("c", "a", "b")) {
        started(id);
      }
      assertThat(store.instances())
          .extracting(InstanceRecord::instanceId)
          .containsExactly("c", "a", "b");
    }

    @Test
    void unknownInstancesAreEmpty() {
      assertThat(store.instance("nope")).isEmpty();
      assertThat(store.stream("nope")).isEmpty();
      assertThat(store.decisions("nope")).isEmpty();
    }
  }

  @Nested
  class Streams {

    @Test
    void appendAtTheExpectedVersionAddsTheNextVersion() {
      started("i1");
      clock.advance(Duration.ofSeconds(1));

      assertThat(store.append("i1", 2, "AttemptStarted", "task-i1", "attempt 1")).isTrue();

      assertThat(store.stream("i1").get(2))
          .isEqualTo(
              new StreamEvent(
                  "i1", 3, "AttemptStarted", "task-i1", "attempt 1", T0.plusSeconds(1)));
    }

    @Test
    void appendWithAStaleOrFutureVersionReturnsFalseAndAppendsNothing() {
      started("i1");
      assertThat(store.append("i1", 2, "AttemptStarted", "task-i1", "a")).isTrue();

      assertThat(store.append("i1", 2, "AttemptStarted", "task-i1", "stale")).isFalse();
      assertThat(store.append("i1", 7, "AttemptStarted", "task-i1", "future")).isFalse();

      assertThat(store.stream("i1")).extracting(StreamEvent::detail).doesNotContain("stale");
      assertThat(store.stream("i1")).hasSize(3);
    }

    @Test
    void appendKeepsNullTaskAndDetail() {
      started("i1");
      assertThat(store.append("i1", 2, "Note", null, null)).isTrue();
      StreamEvent last = store.stream("i1").get(2);
      assertThat(last.taskId()).isNull();
      assertThat(last.detail()).isNull();
    }

    @Test
    void appendToAnUnknownInstanceIsRefused() {
      assertThatThrownBy(() -> store.append("ghost", 0, "AttemptStarted", null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ghost");
    }

    @Test
    void appendLatestAppendsAtTheEndWhateverTheVersion() {
      started("i1");
      store.appendLatest("i1", "AttemptStarted", "task-i1", "one");
      store.appendLatest("i1", "AttemptFaulted", "task-i1", "two");

      List<StreamEvent> stream = store.stream("i1");
      assertThat(stream).extracting(StreamEvent::version).containsExactly(1L, 2L, 3L, 4L);
      assertThat(stream).extracting(StreamEvent::detail).endsWith("one", "two");
    }

    @Test
    void racingAppendsAtOneVersionLetExactlyOneWin() throws Exception {
      started("i1");
      List<Boolean> results = race(16, i -> store.append("i1", 2, "Racer", null, "racer-" + i));

      assertThat(results).filteredOn(b -> b).hasSize(1);
      assertThat(store.stream("i1")).hasSize(3);
    }

    @Test
    void racingAppendLatestLosesNothing() throws Exception {
      started("i1");
      race(
          16,
          i -> {
            store.appendLatest("i1", "Racer", null, "racer-" + i);
            return null;
          });

      List<StreamEvent> stream = store.stream("i1");
      assertThat(stream).hasSize(18);
      assertThat(stream).extracting(StreamEvent::version).doesNotHaveDuplicates();
      assertThat(stream.get(17).version()).isEqualTo(18);
    }
  }

  @Nested
  class Scheduling {

    @Test
    void claimDueClaimsOnlyTasksWhoseDueTimeHasPassed() {
      TaskEntry now = started("now");
      store.start(newInstance("later", stateTask("later", "later-task", T0.plusSeconds(10))));
      store.start(newInstance("never", todoTask("never", "todo-never", "pay", null)));

      Duration longLease = Duration.ofDays(1000);
      assertThat(store.claimDue("w1", 10, longLease)).containsExactly(now);

      clock.advance(Duration.ofSeconds(10));
      assertThat(ids(store.claimDue("w1", 10, longLease))).containsExactly("later-task");
      clock.advance(Duration.ofDays(365));
      assertThat(store.claimDue("w1", 10, longLease)).as("a ToDo without deadline").isEmpty();
    }

    @Test
    void claimDueRespectsTheLimitAndTakesTheEarliestFirst() {
      int[] offsets = {5, 1, 4, 2, 3};
      for (int i = 0; i < offsets.length; i++) {
        store.start(
            newInstance(
                "i" + i, stateTask("i" + i, "t" + offsets[i], T0.minusSeconds(offsets[i]))));
      }

      assertThat(ids(store.claimDue("w1", 3, LEASE))).containsExactly("t5", "t4", "t3");
      assertThat(ids(store.claimDue("w1", 3, LEASE))).containsExactly("t2", "t1");
      assertThat(store.claimDue("w1", 3, LEASE)).isEmpty();
    }

    @Test
    void tasksDueAtTheSameTimeAreClaimedInEntryOrder() {
      for (String id : List.of("b", "c", "a")) {
        started(id);
      }
      assertThat(ids(store.claimDue("w1", 10, LEASE)))
          .containsExactly("task-b", "task-c", "task-a");
    }

    @Test
    void aZeroLimitClaimsNothing() {
      started("i1");
      assertThat(store.claimDue("w1", 0, LEASE)).isEmpty();
      assertThat(store.claimDue("w1", 1, LEASE)).hasSize(1);
    }

    @Test
    void aLeasedTaskIsNotClaimedAgainUntilTheLeaseExpires() {
      TaskEntry task = started("i1");
      assertThat(store.claimDue("w1", 10, LEASE)).containsExactly(task);

      assertThat(store.claimDue("w2", 10, LEASE)).isEmpty();
      clock.advance(LEASE.minusNanos(1));
      assertThat(store.claimDue("w2", 10, LEASE)).isEmpty();
      clock.advance(Duration.ofNanos(1));
      assertThat(store.claimDue("w2", 10, LEASE)).containsExactly(task);
      assertThat(store.claimDue("w1", 10, LEASE)).isEmpty();
    }

    @Test
    void rescheduleSetsDueTimeAndAttemptsAndReleasesTheLease() {
      TaskEntry task = started("i1");
      store.claimDue("w1", 10, Duration.ofHours(1));

      store.reschedule(task.taskId(), T0.plusSeconds(10), 1);

      assertThat(store.task(task.taskId()).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(10));
      assertThat(store.task(task.taskId()).orElseThrow().attempts()).isEqualTo(1);
      assertThat(store.claimDue("w2", 10, LEASE)).isEmpty();
      clock.advance(Duration.ofSeconds(10));
      List<TaskEntry> claimed = store.claimDue("w2", 10, LEASE);
      assertThat(ids(claimed)).containsExactly(task.taskId());
      assertThat(claimed.get(0).attempts()).isEqualTo(1);
      assertThat(claimed.get(0).dueAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void rescheduleByAWorkerWhoseLeaseWasTakenOver_changesNothing_andTheNewLeaseHolds() {
      TaskEntry task = started("i1");
      store.claimDue("w1", 10, LEASE);
      clock.advance(LEASE);
      assertThat(store.claimDue("w2", 10, LEASE)).hasSize(1);

      assertThat(store.reschedule(task.taskId(), "w1", T0, 5)).isFalse();

      assertThat(store.task(task.taskId()).orElseThrow().attempts()).isZero();
      assertThat(store.claimDue("w3", 10, LEASE)).as("w2's lease holds").isEmpty();
      assertThat(store.reschedule(task.taskId(), "w2", T0.plusSeconds(99), 1)).isTrue();
      assertThat(store.task(task.taskId()).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(99));
      clock.set(T0.plusSeconds(99));
      assertThat(store.claimDue("w3", 10, LEASE)).as("released by its holder").hasSize(1);
    }

    @Test
    void rescheduleByTheLeaseHolderOrOfAnUnleasedTask_succeeds_ofADecidedOneDoesNot() {
      TaskEntry task = started("i1");
      assertThat(store.reschedule(task.taskId(), "w1", T0.plusSeconds(1), 1)).isTrue();
      clock.advance(Duration.ofSeconds(1));
      store.claimDue("w1", 10, LEASE);
      assertThat(store.reschedule(task.taskId(), "w1", T0.plusSeconds(2), 2)).isTrue();
      assertThat(store.task(task.taskId()).orElseThrow().attempts()).isEqualTo(2);
      store.commit(List.of(decision(task, "StockReserved", finish("OrderCreated", "i1"))));
      assertThat(store.reschedule(task.taskId(), "w1", T0, 3)).isFalse();
      assertThat(store.reschedule("unknown", "w1", T0, 3)).isFalse();
    }

    @Test
    void rescheduleOfADecidedOrUnknownTaskChangesNothing() {
      TaskEntry task = started("i1");
      store.commit(List.of(decision(task, "StockReserved", finish("OrderCreated", "i1"))));

      store.reschedule(task.taskId(), T0, 3);
      store.reschedule("unknown", T0, 3);

      assertThat(store.task(task.taskId())).contains(task);
      assertThat(store.task("unknown")).isEmpty();
      assertThat(store.claimDue("w1", 10, LEASE)).isEmpty();
    }

    @Test
    void aTaskIsStillReadableAfterItsDecision() {
      TaskEntry task = started("i1");
      store.commit(List.of(decision(task, "StockReserved", finish("OrderCreated", "i1"))));
      assertThat(store.task(task.taskId())).contains(task);
      assertThat(store.task("never-entered")).isEmpty();
    }

    @Test
    void nextDueAtIsTheEarliestDueTimeAmongUndecidedTasks() {
      assertThat(store.nextDueAt()).isEmpty();
      store.start(newInstance("a", stateTask("a", "ta", T0.plusSeconds(20))));
      TaskEntry b = stateTask("b", "tb", T0.plusSeconds(5));
      store.start(newInstance("b", b));
      store.start(newInstance("c", todoTask("c", "tc", "pay", null)));

      assertThat(store.nextDueAt()).contains(T0.plusSeconds(5));

      store.commit(List.of(decision(b, "StockReserved", finish("OrderCreated", "b"))));
      assertThat(store.nextDueAt()).contains(T0.plusSeconds(20));
    }

    @Test
    void openTodosListsUndecidedTodosOfOneTaskOldestFirst() {
      TaskEntry p1 = todoTask("i1", "pay-i1", "pay", T0.plusSeconds(60));
      TaskEntry p2 = todoTask("i2", "pay-i2", "pay", null);
      TaskEntry p3 = todoTask("i3", "pay-i3", "pay", null);
      TaskEntry review = todoTask("i4", "review-i4", "review", null);
      for (TaskEntry t : List.of(p1, p2, p3, review)) {
        store.start(newInstance(t.instanceId(), t));
      }
      started("i5");
      NewInstance elsewhere =
          new NewInstance(
              "i6",
              "refund",
              "trigger-i6",
              event("RefundAsked", "i6"),
              new TaskEntry(
                  "pay-i6",
                  "i6",
                  "refund",
                  "pay",
                  true,
                  event("R", "i6"),
                  null,
                  T0,
                  null,
                  null,
                  0));
      store.start(elsewhere);

      store.commit(List.of(decision(p2, "Paid", finish("OrderCreated", "i2"))));

      assertThat(store.openTodos(WORKFLOW, "pay")).containsExactly(p1, p3);
      assertThat(store.openTodos(WORKFLOW, "review")).containsExactly(review);
      assertThat(store.openTodos(WORKFLOW, "reserve-stock")).isEmpty();
      assertThat(ids(store.openTodos("refund", "pay"))).containsExactly("pay-i6");
    }

    @Test
    void openTasksListsUndecidedTasksOfEveryKind() {
      TaskEntry s = started("i1");
      TaskEntry t = todoTask("i2", "pay-i2", "pay", null);
      store.start(newInstance("i2", t));
      TaskEntry decided = started("i3");
      store.commit(List.of(decision(decided, "StockReserved", finish("OrderCreated", "i3"))));

      assertThat(store.openTasks()).containsExactly(s, t);
    }

    @Test
    void racingClaimsNeverHandOneTaskToTwoOwnersWithinALease() throws Exception {
      int tasks = 200;
      for (int i = 0; i < tasks; i++) {
        started("i" + i);
      }

      List<List<TaskEntry>> claims =
          race(
              8,
              w -> {
                List<TaskEntry> mine = new ArrayList<>();
                // Bounded, so that a store that hands out leased tasks fails instead of looping.
                for (int round = 0; round < tasks; round++) {
                  List<TaskEntry> batch = store.claimDue("w" + w, 7, LEASE);
                  if (batch.isEmpty()) {
                    break;
                  }
                  mine.addAll(batch);
                }
                return mine;
              });

      Map<String, Integer> owners = new HashMap<>();
      for (int w = 0; w < claims.size(); w++) {
        for (TaskEntry t : claims.get(w)) {
          Integer previous = owners.put(t.taskId(), w);
          assertThat(previous).as("owner of %s before w%d", t.taskId(), w).isNull();
        }
      }
      assertThat(owners).hasSize(tasks);
    }
  }

  @Nested
  class Locks {

    @Test
    void locksGetStrictlyIncreasingSequencesAndStoreClockTimes() {
      Lock a1 = store.writeLock("a", "attempt-1", Duration.ofSeconds(30));
      clock.advance(Duration.ofSeconds(1));
      Lock b1 = store.writeLock("b", "attempt-2", Duration.ofSeconds(10));
      Lock a2 = store.writeLock("a", "attempt-3", Duration.ofMillis(1500));

      assertThat(a1.sequence()).isLessThan(b1.sequence());
      assertThat(b1.sequence()).isLessThan(a2.sequence());
      assertThat(a1)
          .isEqualTo(
              new Lock(
                  a1.sequence(), "a", "attempt-1", T0, T0.plusSeconds(30), false, false, false));
      assertThat(a2.createdAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(a2.expiresAt()).isEqualTo(T0.plusSeconds(1).plusMillis(1500));
      assertThat(store.locks("a")).containsExactly(a1, a2);
      assertThat(store.locks("b")).containsExactly(b1);
      assertThat(store.locks("c")).isEmpty();
    }

    @Test
    void faultedAndFinishedFlagsAreSetOnlyOnTheirLock() {
      Lock a = store.writeLock("t", "attempt-1", LEASE);
      Lock b = store.writeLock("t", "attempt-2", LEASE);

      store.markLockFaulted(a.sequence());
      store.markLockFinished(b.sequence());

      List<Lock> locks = store.locks("t");
      assertThat(locks.get(0).faulted()).isTrue();
      assertThat(locks.get(0).finished()).isFalse();
      assertThat(locks.get(1).faulted()).isFalse();
      assertThat(locks.get(1).finished()).isTrue();
      assertThat(locks).extracting(Lock::resolved).containsOnly(false);
      assertThat(locks.get(0).createdAt()).isEqualTo(a.createdAt());
      assertThat(locks.get(1).expiresAt()).isEqualTo(b.expiresAt());
    }

    @Test
    void markingAnUnknownLockIsRefused() {
      assertThatThrownBy(() -> store.markLockFaulted(424242))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("424242");
      assertThatThrownBy(() -> store.markLockFinished(424242))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("424242");
      assertThat(store.markLockResolved(424242)).isFalse();
    }

    @Test
    void markLockResolvedIsACompareAndSet() {
      Lock lock = store.writeLock("t", "attempt-1", LEASE);

      assertThat(store.markLockResolved(lock.sequence())).isTrue();
      assertThat(store.markLockResolved(lock.sequence())).isFalse();
      assertThat(store.locks("t").get(0).resolved()).isTrue();
    }

    @Test
    void racingResolutionsOfOneLockLetExactlyOneWin() throws Exception {
      Lock lock = store.writeLock("t", "attempt-1", LEASE);
      List<Boolean> results = race(16, i -> store.markLockResolved(lock.sequence()));
      assertThat(results).filteredOn(b -> b).hasSize(1);
    }

    @Test
    void racingLockWritersGetDistinctSequences() throws Exception {
      List<Lock> locks = race(16, i -> store.writeLock("t", "attempt-" + i, LEASE));
      assertThat(locks).extracting(Lock::sequence).doesNotHaveDuplicates();
      assertThat(store.locks("t"))
          .extracting(Lock::sequence)
          .isSorted()
          .containsExactlyInAnyOrderElementsOf(locks.stream().map(Lock::sequence).toList());
    }
  }

  @Nested
  class Decisions {

    @Test
    void aDecisionClosesItsTaskAndEntersTheNextAtomically() {
      TaskEntry first = started("i1");
      store.claimDue("w1", 10, LEASE);
      NextStep.Enter next = enter(first, "invoice-i1");
      DecisionRecord d = decision(first, "StockReserved", next);

      assertThat(store.commit(List.of(d))).containsExactly(new CommitResult.Recorded());

      assertThat(store.decision(first.taskId())).contains(d);
      assertThat(store.decisions("i1")).containsExactly(d);
      assertThat(store.openTasks()).containsExactly(next.task());
      assertThat(store.task("invoice-i1")).contains(next.task());
      assertThat(store.claimDue("w2", 10, LEASE)).containsExactly(next.task());
      assertThat(kinds(store.stream("i1")))
          .containsExactly("TriggerAccepted", "TaskEntered", "Decided", "TaskEntered");
      assertThat(store.stream("i1").get(3).taskId()).isEqualTo("invoice-i1");
      assertThat(store.stream("i1").get(2).detail())
          .isEqualTo(d.cause() + " " + d.event().type() + " by " + d.decidedBy())
          .contains(" by ");
      assertThat(store.instance("i1").orElseThrow().finished()).isFalse();
    }

    @Test
    void aSecondDecisionForTheSameTaskIsAlreadyDecidedWithTheFirst() {
      TaskEntry task = started("i1");
      DecisionRecord first = decision(task, "StockReserved", enter(task, "invoice-i1"));
      DecisionRecord second = decision(task, "OutOfStock", finish("OrderRejected", "i1"));
      store.commit(List.of(first));

      assertThat(store.commit(List.of(second)))
          .containsExactly(new CommitResult.AlreadyDecided(first));

      assertThat(store.decision(task.taskId())).contains(first);
      assertThat(store.decisions("i1")).containsExactly(first);
      assertThat(store.instance("i1").orElseThrow().finished()).isFalse();
      assertThat(store.undelivered(10)).isEmpty();
    }

    @Test
    void theRecordedDecisionIsKeptAsCommittedEvenWhenItsNextTaskMovesOn() {
      TaskEntry task = started("i1");
      DecisionRecord d = decision(task, "StockReserved", enter(task, "invoice-i1"));
      store.commit(List.of(d));

      store.reschedule("invoice-i1", T0.plusSeconds(99), 4);

      assertThat(store.decision(task.taskId())).contains(d);
      assertThat(store.commit(List.of(decision(task, "Late", finish("X", "i1")))))
          .containsExactly(new CommitResult.AlreadyDecided(d));
    }

    @Test
    void finishMarksTheInstanceFinishedAndWritesOneOutboxEntry() {
      TaskEntry task = started("i1");
      NextStep.Finish finish = finish("OrderCreated", "i1");

      assertThat(store.commit(List.of(decision(task, "StockReserved", finish))))
          .containsExactly(new CommitResult.Recorded());

      InstanceRecord instance = store.instance("i1").orElseThrow();
      assertThat(instance.finished()).isTrue();
      assertThat(instance.status()).isEqualTo("FINISHED");
      assertThat(instance.outcome()).isEqualTo(finish.outcome());
      assertThat(store.openTasks()).isEmpty();
      assertThat(kinds(store.stream("i1")))
          .containsExactly("TriggerAccepted", "TaskEntered", "Decided", "Finished");
      List<OutboxEntry> outbox = store.undelivered(10);
      assertThat(outbox).hasSize(1);
      OutboxEntry entry = outbox.get(0);
      assertThat(entry.instanceId()).isEqualTo("i1");
      assertThat(entry.workflow()).isEqualTo(WORKFLOW);
      assertThat(entry.outcome()).isEqualTo(finish.outcome());
      assertThat(entry.eventId()).isNotBlank();
    }

    @Test
    void outcomeEventIdsAreStableAcrossRedeliveriesAndDistinctAcrossInstances() {
      for (String id : List.of("i1", "i2")) {
        TaskEntry t = started(id);
        store.commit(List.of(decision(t, "StockReserved", finish("OrderCreated", id))));
      }
      List<OutboxEntry> first = store.undelivered(10);
      List<OutboxEntry> again = store.undelivered(10);

      assertThat(again).isEqualTo(first);
      assertThat(first).extracting(OutboxEntry::eventId).doesNotHaveDuplicates();
      assertThat(first).extracting(OutboxEntry::instanceId).containsExactly("i1", "i2");
    }

    @Test
    void aTakenNextTaskIdIsDuplicateTaskIdAndNothingIsRecorded() {
      TaskEntry other = started("i0");
      TaskEntry task = started("i1");
      store.claimDue("w1", 10, LEASE);
      clock.advance(LEASE);
      List<StreamEvent> streamBefore = store.stream("i1");

      List<CommitResult> result =
          store.commit(List.of(decision(task, "StockReserved", enter(task, other.taskId()))));

      assertThat(result).containsExactly(new CommitResult.DuplicateTaskId(other.taskId()));
      assertThat(store.decision(task.taskId())).isEmpty();
      assertThat(store.decisions("i1")).isEmpty();
      assertThat(store.stream("i1")).isEqualTo(streamBefore);
      assertThat(store.task(other.taskId())).contains(other);
      assertThat(store.openTasks()).containsExactly(other, task);
      assertThat(ids(store.claimDue("w2", 10, LEASE))).contains(task.taskId());
    }

    @Test
    void aNextTaskIdOfAnAlreadyDecidedTaskIsDuplicateTaskId() {
      TaskEntry done = started("i0");
      store.commit(List.of(decision(done, "StockReserved", finish("OrderCreated", "i0"))));
      TaskEntry task = started("i1");

      assertThat(store.commit(List.of(decision(task, "StockReserved", enter(task, done.taskId())))))
          .containsExactly(new CommitResult.DuplicateTaskId(done.taskId()));
      assertThat(store.decision(task.taskId())).isEmpty();
    }

    @Test
    void aGroupCommitRecordsExactlyTheNewDecisions() {
      TaskEntry a = started("a");
      TaskEntry b = started("b");
      TaskEntry c = started("c");
      TaskEntry d = started("d");
      DecisionRecord earlier = decision(b, "StockReserved", finish("OrderCreated", "b"));
      store.commit(List.of(earlier));

      DecisionRecord newA = decision(a, "StockReserved", enter(a, "next-a"));
      DecisionRecord lateB = decision(b, "OutOfStock", finish("OrderRejected", "b"));
      DecisionRecord newC = decision(c, "StockReserved", finish("OrderCreated", "c"));
      DecisionRecord twinC = decision(c, "OutOfStock", finish("OrderRejected", "c"));
      DecisionRecord clashD = decision(d, "StockReserved", enter(d, "next-a"));

      List<CommitResult> results = store.commit(List.of(newA, lateB, newC, twinC, clashD));

      assertThat(results)
          .containsExactly(
              new CommitResult.Recorded(),
              new CommitResult.AlreadyDecided(earlier),
              new CommitResult.Recorded(),
              new CommitResult.AlreadyDecided(newC),
              new CommitResult.DuplicateTaskId("next-a"));
      assertThat(store.decision("task-a")).contains(newA);
      assertThat(store.decision("task-b")).contains(earlier);
      assertThat(store.decision("task-c")).contains(newC);
      assertThat(store.decision("task-d")).isEmpty();
      assertThat(ids(store.openTasks())).containsExactly("task-d", "next-a");
      assertThat(store.task("next-a").orElseThrow().instanceId()).isEqualTo("a");
      assertThat(store.undelivered(10))
          .extracting(OutboxEntry::instanceId)
          .containsExactly("b", "c");
      assertThat(store.instance("c").orElseThrow().outcome())
          .isEqualTo(((NextStep.Finish) newC.next()).outcome());
    }

    @Test
    void anEmptyGroupCommitRecordsNothing() {
      started("i1");
      assertThat(store.commit(List.of())).isEmpty();
      assertThat(store.openTasks()).hasSize(1);
    }

    @Test
    void decisionsOfAnInstanceAreListedInOrder() {
      TaskEntry first = started("i1");
      NextStep.Enter next = enter(first, "invoice-i1");
      DecisionRecord d1 = decision(first, "StockReserved", next);
      store.commit(List.of(d1));
      clock.advance(Duration.ofSeconds(1));
      DecisionRecord d2 = decision(next.task(), "Invoiced", finish("OrderCreated", "i1"));
      store.commit(List.of(d2));
      TaskEntry otherTask = started("i2");
      store.commit(List.of(decision(otherTask, "OutOfStock", finish("OrderRejected", "i2"))));

      assertThat(store.decisions("i1")).containsExactly(d1, d2);
      assertThat(store.decision("unknown")).isEmpty();
    }

    @Test
    void decisionsKeepTheirCauseAndATodoNextTask() {
      TaskEntry task = started("i1");
      TaskEntry review = todoTask("i1", "review-i1", "review", null);
      DecisionRecord d =
          new DecisionRecord(
              "i1",
              task.taskId(),
              task.taskName(),
              event("PaymentUncertain", "i1"),
              "POSSIBLE_FAILURE",
              null,
              T0.minusNanos(1),
              new NextStep.Enter(review));

      store.commit(List.of(d));

      assertThat(store.decision(task.taskId())).contains(d);
      assertThat(store.openTodos(WORKFLOW, "review")).containsExactly(review);
    }

    @Test
    void racingDecisionsForOneTaskRecordExactlyOne() throws Exception {
      TaskEntry task = started("i1");
      List<DecisionRecord> candidates = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        candidates.add(decision(task, "Result" + i, enter(task, "next-" + i)));
      }

      List<CommitResult> results = race(16, i -> store.commit(List.of(candidates.get(i))).get(0));

      List<Integer> winners = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) instanceof CommitResult.Recorded) {
          winners.add(i);
        }
      }
      assertThat(winners).hasSize(1);
      DecisionRecord winner = candidates.get(winners.get(0));
      assertThat(results)
          .filteredOn(r -> r instanceof CommitResult.AlreadyDecided)
          .hasSize(15)
          .containsOnly(new CommitResult.AlreadyDecided(winner));
      assertThat(store.decision(task.taskId())).contains(winner);
      assertThat(store.openTasks()).containsExactly(((NextStep.Enter) winner.next()).task());
      assertThat(kinds(store.stream("i1"))).filteredOn("Decided"::equals).hasSize(1);
    }

    @Test
    void racingGroupCommitsOverlappingInTasksRecordEachTaskOnce() throws Exception {
      int tasks = 40;
      List<TaskEntry> entries = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        entries.add(started("i" + i));
      }

      // Every committer decides every task, in its own rotated order, in one batch.
      List<List<CommitResult>> results =
          race(
              6,
              w -> {
                List<DecisionRecord> batch = new ArrayList<>();
                for (int k = 0; k < tasks; k++) {
                  TaskEntry t = entries.get((k + w * 7) % tasks);
                  batch.add(decision(t, "ByWorker" + w, finish("Done", t.instanceId())));
                }
                return store.commit(batch);
              });

      Set<String> recordedByAnyone = new HashSet<>();
      for (int w = 0; w < results.size(); w++) {
        for (int k = 0; k < tasks; k++) {
          if (results.get(w).get(k) instanceof CommitResult.Recorded) {
            String taskId = entries.get((k + w * 7) % tasks).taskId();
            assertThat(recordedByAnyone.add(taskId)).as("%s recorded twice", taskId).isTrue();
          }
        }
      }
      assertThat(recordedByAnyone).hasSize(tasks);
      assertThat(store.undelivered(1000)).hasSize(tasks);
      assertThat(store.openTasks()).isEmpty();
    }
  }

  @Nested
  class Outbox {

    @Test
    void undeliveredRespectsTheLimitAndMarkDeliveredRemovesOnlyThatEntry() {
      for (String id : List.of("i1", "i2", "i3")) {
        TaskEntry t = started(id);
        store.commit(List.of(decision(t, "StockReserved", finish("OrderCreated", id))));
      }

      List<OutboxEntry> firstTwo = store.undelivered(2);
      assertThat(firstTwo).extracting(OutboxEntry::instanceId).containsExactly("i1", "i2");
      assertThat(firstTwo.get(0).id()).isLessThan(firstTwo.get(1).id());

      store.markDelivered(firstTwo.get(0).id());
      assertThat(store.undelivered(10))
          .extracting(OutboxEntry::instanceId)
          .containsExactly("i2", "i3");

      store.markDelivered(firstTwo.get(0).id());
      assertThat(store.undelivered(10)).hasSize(2);
    }

    private void finished(String... ids) {
      for (String id : ids) {
        TaskEntry t = started(id);
        store.commit(List.of(decision(t, "StockReserved", finish("OrderCreated", id))));
      }
    }

    private static List<String> instances(List<OutboxEntry> entries) {
      return entries.stream().map(OutboxEntry::instanceId).toList();
    }

    @Test
    void aClaimLeasesEntriesOldestFirstSoTheNextClaimerGetsOthersUntilTheLeaseRunsOut() {
      finished("i1", "i2", "i3");

      assertThat(instances(store.claimOutbox("w1", 2, LEASE))).containsExactly("i1", "i2");
      assertThat(instances(store.claimOutbox("w2", 10, LEASE))).containsExactly("i3");
      assertThat(store.claimOutbox("w3", 10, LEASE)).isEmpty();
      assertThat(store.undelivered(10)).as("claimed is still undelivered").hasSize(3);

      clock.advance(LEASE.minusNanos(1));
      assertThat(store.claimOutbox("w3", 10, LEASE)).isEmpty();
      clock.advance(Duration.ofNanos(1));
      assertThat(instances(store.claimOutbox("w3", 10, LEASE)))
          .as("a crashed deliverer's entries come back under the same event ids")
          .containsExactly("i1", "i2", "i3");
    }

    @Test
    void aDeliveredEntryIsNeverClaimedAgain() {
      finished("i1", "i2");
      List<OutboxEntry> claimed = store.claimOutbox("w1", 10, LEASE);
      store.markAllDelivered(List.of(claimed.get(0).id()));

      clock.advance(LEASE.plusSeconds(1));

      assertThat(instances(store.claimOutbox("w2", 10, LEASE))).containsExactly("i2");
    }

    @Test
    void aRetriedEntryCountsItsFailureAndWaitsForItsDelayWhileOthersAreClaimed() {
      finished("i1", "i2");
      OutboxEntry first = store.claimOutbox("w1", 1, LEASE).get(0);

      store.retryOutbox(first.id(), Duration.ofSeconds(5), "listener down");

      assertThat(instances(store.claimOutbox("w1", 10, LEASE)))
          .as("the failed entry waits; the next one does not")
          .containsExactly("i2");
      clock.advance(Duration.ofSeconds(5).minusNanos(1));
      assertThat(store.claimOutbox("w2", 10, LEASE)).isEmpty();
      clock.advance(Duration.ofNanos(1));
      List<OutboxEntry> again = store.claimOutbox("w2", 10, LEASE);
      assertThat(again).hasSize(1);
      assertThat(again.get(0).eventId()).isEqualTo(first.eventId());
      assertThat(again.get(0).failures()).isEqualTo(1);
      assertThat(again.get(0).lastError()).isEqualTo("listener down");
      assertThat(store.parkedOutcomes(10)).isEmpty();
    }

    @Test
    void aParkedEntryIsListedStaysUndeliveredAndIsNeverClaimedUntilUnparked() {
      finished("i1", "i2");
      OutboxEntry poison = store.claimOutbox("w1", 1, LEASE).get(0);
      store.retryOutbox(poison.id(), Duration.ZERO, "first");

      store.parkOutbox(store.claimOutbox("w1", 1, LEASE).get(0).id(), "second");

      List<OutboxEntry> parked = store.parkedOutcomes(10);
      assertThat(parked).hasSize(1);
      assertThat(parked.get(0).eventId()).isEqualTo(poison.eventId());
      assertThat(parked.get(0).failures()).isEqualTo(2);
      assertThat(parked.get(0).lastError()).isEqualTo("second");
      assertThat(instances(store.undelivered(10))).containsExactly("i1", "i2");
      clock.advance(LEASE.multipliedBy(10));
      assertThat(instances(store.claimOutbox("w2", 10, LEASE))).containsExactly("i2");
      store.retryOutbox(poison.id(), Duration.ZERO, "late retry of a parked entry");
      assertThat(store.parkedOutcomes(10).get(0).lastError())
          .as("a parked entry is left alone")
          .isEqualTo("second");

      assertThat(store.unparkOutbox(poison.id())).isTrue();
      assertThat(store.unparkOutbox(poison.id())).as("no longer parked").isFalse();
      assertThat(store.parkedOutcomes(10)).isEmpty();
      List<OutboxEntry> back = store.claimOutbox("w2", 10, LEASE);
      assertThat(instances(back)).containsExactly("i1");
      assertThat(back.get(0).failures()).isZero();
    }

    @Test
    void concurrentClaimersTakeDisjointEntries() throws Exception {
      int entries = 60;
      for (int i = 0; i < entries; i++) {
        finished("i" + i);
      }

      List<List<OutboxEntry>> claims = race(6, w -> store.claimOutbox("w" + w, 7, LEASE));

      List<String> all = claims.stream().flatMap(c -> instances(c).stream()).toList();
      assertThat(all).doesNotHaveDuplicates().hasSize(42);
    }

    @Test
    void badOutboxArgumentsAreRefusedAndChangeNothing() {
      finished("i1");
      long id = store.undelivered(1).get(0).id();

      assertThatThrownBy(() -> store.claimOutbox("w1", -1, LEASE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-1");
      assertThatThrownBy(() -> store.claimOutbox("w1", 1, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PT0S");
      assertThatThrownBy(() -> store.retryOutbox(id, Duration.ofSeconds(-1), "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PT-1S");
      assertThatThrownBy(() -> store.parkedOutcomes(-2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-2");

      assertThat(store.parkedOutcomes(10)).isEmpty();
      List<OutboxEntry> claimed = store.claimOutbox("w1", 10, LEASE);
      assertThat(claimed).hasSize(1);
      assertThat(claimed.get(0).failures()).isZero();
    }
  }

  @Nested
  class QueriesForPeople {
    /** i1..i5 started in order; i2 finished OrderCreated, i4 in a review after a doubt. */
    private void world() {
      for (int n = 1; n <= 5; n++) {
        started("i" + n);
      }
      store.commit(
          List.of(
              decision(store.task("task-i2").orElseThrow(), "X", finish("OrderCreated", "i2"))));
      TaskEntry review = todoTask("i4", "review-i4", "review", T0.plusSeconds(60));
      store.commit(
          List.of(
              new DecisionRecord(
                  "i4",
                  "task-i4",
                  "reserve-stock",
                  event("StockUncertain", "i4"),
                  "POSSIBLE_FAILURE",
                  "w1",
                  clock.instant(),
                  new NextStep.Enter(review))));
    }

    private List<String> found(InstanceQuery q) {
      return store.findInstances(q).items().stream().map(InstanceRecord::instanceId).toList();
    }

    private InstanceQuery query(InstanceQuery.Status status, String outcome, String taskName) {
      return new InstanceQuery(
          WORKFLOW, status, outcome, taskName, null, null, T0.plusSeconds(1), null, 10);
    }

    @Test
    void instancesArePagedNewestFirstWithACursorThatSkipsNothing() {
      world();
      InstancePage first = store.findInstances(InstanceQuery.of(WORKFLOW, 2));
      assertThat(first.items()).extracting(InstanceRecord::instanceId).containsExactly("i5", "i4");
      List<String> all = new ArrayList<>();
      InstancePage page = first;
      all.addAll(page.items().stream().map(InstanceRecord::instanceId).toList());
      while (page.next() != null) {
        page =
            store.findInstances(
                new InstanceQuery(WORKFLOW, null, null, null, null, null, null, page.next(), 2));
        all.addAll(page.items().stream().map(InstanceRecord::instanceId).toList());
      }
      assertThat(all).containsExactly("i5", "i4", "i3", "i2", "i1");
      assertThat(found(InstanceQuery.of("other-workflow", 10))).isEmpty();
    }

    @Test
    void instancesAreFoundByStatusOutcomeTaskTriggerAndTaskId() {
      world();
      assertThat(found(query(InstanceQuery.Status.FINISHED, null, null))).containsExactly("i2");
      assertThat(found(query(InstanceQuery.Status.FINISHED, "dev.example.OrderCreated", null)))
          .containsExactly("i2");
      assertThat(found(query(InstanceQuery.Status.FINISHED, "dev.example.Other", null))).isEmpty();
      assertThat(found(query(InstanceQuery.Status.RUNNING, null, null)))
          .containsExactly("i5", "i4", "i3", "i1");
      assertThat(found(query(InstanceQuery.Status.WAITING_IN_TODO, null, null)))
          .containsExactly("i4");
      assertThat(found(query(InstanceQuery.Status.POSSIBLE_FAILURE, null, null)))
          .containsExactly("i4");
      assertThat(found(query(InstanceQuery.Status.OVERDUE, null, null)))
          .containsExactly("i5", "i3", "i1");
      assertThat(found(query(null, null, "review"))).containsExactly("i4");
      assertThat(
              found(
                  new InstanceQuery(
                      WORKFLOW, null, null, null, "trigger-i3", null, null, null, 10)))
          .containsExactly("i3");
      assertThat(
              found(
                  new InstanceQuery(WORKFLOW, null, null, null, null, "review-i4", null, null, 10)))
          .containsExactly("i4");
    }

    @Test
    void countsAttentionListsAndDoubts() {
      world();
      assertThat(store.openTaskCounts(WORKFLOW))
          .containsExactlyInAnyOrderEntriesOf(Map.of("reserve-stock", 3L, "review", 1L));
      assertThat(store.edgeCounts(WORKFLOW, T0))
          .containsExactlyInAnyOrder(
              new EdgeCount("reserve-stock", "dev.example.X", "DECISION", 1),
              new EdgeCount("reserve-stock", "dev.example.StockUncertain", "POSSIBLE_FAILURE", 1));
      assertThat(store.edgeCounts(WORKFLOW, T0.plusNanos(1))).isEmpty();
      assertThat(ids(store.overdueTasks(T0.plusSeconds(1), 10)))
          .containsExactly("task-i1", "task-i3", "task-i5");
      assertThat(ids(store.expiringTodos(T0.plusSeconds(61), 10))).containsExactly("review-i4");
      assertThat(store.expiringTodos(T0.plusSeconds(60), 10)).isEmpty();
      assertThat(store.doubtsAwaitingPeople(10))
          .extracting(DecisionRecord::taskId)
          .containsExactly("task-i4");
    }
  }

  @Test
  void aClosedStoreRefusesWrites() {
    TaskEntry task = started("i1");
    store.close();

    assertThatThrownBy(() -> store.start(newInstance("i2", stateTask("i2", "t2", T0))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.claimDue("w1", 10, LEASE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> store.commit(List.of(decision(task, "X", finish("OrderCreated", "i1")))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.writeLock("t", "o", LEASE))
        .isInstanceOf(IllegalStateException.class);
  }
}
