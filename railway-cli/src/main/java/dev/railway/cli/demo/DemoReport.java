package dev.railway.cli.demo;

import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's closing report, built only from durable records: the engine's store (streams and
 * decisions) and the third parties' ledger. So it is the same after a {@code kill -9} and resume as
 * after a clean run, and the invariants are checked against what the third parties actually did.
 */
final class DemoReport {
  /** One invariant's verdict. */
  record Check(String name, boolean holds, String detail) {}

  /** Per-task counts. */
  static final class TaskStats {
    long attempts;
    long faults;
    long faultDecisions;
    long possibleFailures;
    long expired;
    long decided;

    long retries() {
      return Math.max(0, faults - faultDecisions);
    }
  }

  final Map<String, Long> outcomes = new TreeMap<>();
  final Map<String, TaskStats> tasks = new TreeMap<>();
  final List<Check> checks = new ArrayList<>();
  int instances;
  int finished;

  static DemoReport build(
      Store store,
      DemoLedger ledger,
      int expectedOrders,
      long resumedAtMs,
      java.time.Duration holdTtl,
      long nowMs) {
    DemoReport r = new DemoReport();
    Map<String, Set<String>> openByInstance = new HashMap<>();
    for (TaskEntry t : store.openTasks()) {
      openByInstance.computeIfAbsent(t.instanceId(), k -> new HashSet<>()).add(t.taskId());
    }
    int duplicateDecisions = 0;
    int badInstances = 0;
    int decisionCount = 0;
    Set<String> decidedTasks = new HashSet<>();
    for (InstanceRecord i : store.instances()) {
      r.instances++;
      Map<String, String> taskNames = new HashMap<>();
      for (StreamEvent e : store.stream(i.instanceId())) {
        switch (e.kind()) {
          case "TaskEntered" -> taskNames.put(e.taskId(), e.detail());
          case "AttemptStarted" -> r.stats(taskNames, e.taskId()).attempts++;
          case "AttemptFaulted" -> r.stats(taskNames, e.taskId()).faults++;
          default -> {}
        }
      }
      Set<String> seen = new HashSet<>();
      for (DecisionRecord d : store.decisions(i.instanceId())) {
        decisionCount++;
        decidedTasks.add(d.taskId());
        if (!seen.add(d.taskId())) {
          duplicateDecisions++;
        }
        TaskStats s = r.tasks.computeIfAbsent(d.taskName(), k -> new TaskStats());
        s.decided++;
        switch (d.cause()) {
          case "FAULT" -> s.faultDecisions++;
          case "POSSIBLE_FAILURE" -> s.possibleFailures++;
          case "EXPIRY" -> s.expired++;
          default -> {}
        }
      }
      int open = openByInstance.getOrDefault(i.instanceId(), Set.of()).size();
      if (i.finished()) {
        r.finished++;
        r.outcomes.merge(simpleName(i.outcome().type()), 1L, Long::sum);
        if (open != 0 || i.outcome() == null) {
          badInstances++;
        }
      } else if (open != 1) {
        badInstances++;
      }
    }
    r.checks.add(
        new Check(
            "I1 at most one decision per task id",
            duplicateDecisions == 0,
            decisionCount + " decisions, " + duplicateDecisions + " duplicated"));
    r.checks.add(
        new Check(
            "I2 every instance finished once or has one open task; one instance per order",
            badInstances == 0 && r.instances == expectedOrders,
            r.instances
                + " instances for "
                + expectedOrders
                + " orders, "
                + r.finished
                + " finished, "
                + badInstances
                + " inconsistent"));
    r.atMostOne(
        ledger,
        "I3 idempotent: effects per idempotency key <= 1 (order book, payments)",
        SimulatedThirdParties.ORDERS,
        SimulatedThirdParties.PAYMENTS);
    r.atMostOne(
        ledger, "I4 pessimistic: invoices per reference <= 1", SimulatedThirdParties.INVOICES);
    // Holds left by a process killed before the resume are the third party's to expire; every
    // other losing hold must have been released by the engine.
    long leftHeld = 0;
    for (String task : ledger.liveHeldHolds(nowMs)) {
      if (decidedTasks.contains(task)) {
        leftHeld++;
      }
    }
    long crashed = resumedAtMs > 0 ? ledger.holdsCreatedBefore(resumedAtMs, holdTtl, nowMs) : 0;
    Map<String, Integer> confirms = ledger.effectsPerKey(SimulatedThirdParties.STOCK);
    long doubleConfirms = confirms.values().stream().filter(n -> n > 1).count();
    r.checks.add(
        new Check(
            "I5 optimistic: confirmed reservations per task <= 1, losing holds released",
            doubleConfirms == 0 && leftHeld <= crashed,
            confirms.size()
                + " reservations, "
                + doubleConfirms
                + " doubled, "
                + leftHeld
                + " losing holds still held"
                + (crashed > 0 ? " (" + crashed + " left by the killed process)" : "")
                + ", "
                + ledger.effectsPerKey(SimulatedThirdParties.LEFT_TO_EXPIRE).size()
                + " holds the engine could not release (response lost or release refused), left to the stock API's expiry"));
    r.atMostOne(
        ledger,
        "I6 black-boxed: effects per task <= 1 (HumanReview fulfilment, AtMostOnce mail)",
        SimulatedThirdParties.FULFILMENT,
        SimulatedThirdParties.MAIL);
    return r;
  }

  private TaskStats stats(Map<String, String> taskNames, String taskId) {
    return tasks.computeIfAbsent(taskNames.getOrDefault(taskId, "?"), k -> new TaskStats());
  }

  private void atMostOne(DemoLedger ledger, String name, String... systems) {
    long keys = 0;
    List<String> broken = new ArrayList<>();
    for (String system : systems) {
      for (Map.Entry<String, Integer> e : ledger.effectsPerKey(system).entrySet()) {
        keys++;
        if (e.getValue() > 1) {
          broken.add(system + ":" + e.getKey() + " x" + e.getValue());
        }
      }
    }
    checks.add(
        new Check(
            name,
            broken.isEmpty(),
            keys
                + " keys, "
                + broken.size()
                + " over the limit"
                + (broken.isEmpty() ? "" : " " + broken.subList(0, Math.min(5, broken.size())))));
  }

  boolean allHold() {
    return checks.stream().allMatch(Check::holds);
  }

  void print(PrintWriter out) {
    out.println();
    out.println("Outcomes");
    outcomes.forEach((type, n) -> out.printf("  %-28s %6d%n", type, n));
    out.printf("  %-28s %6d%n", "(unfinished)", instances - finished);
    out.println();
    out.println(
        "Tasks                              decided  attempts  retries   faults  possible failures"
            + "  expired");
    tasks.forEach((name, s) ->
        out.printf(
            "  %-33s %7d %9d %8d %8d %18d %8d%n",
            name, s.decided, s.attempts, s.retries(), s.faults, s.possibleFailures, s.expired));
    out.println();
    out.println("Invariants (checked against the store and the third parties' own ledgers)");
    for (Check c : checks) {
      out.printf("  %-4s %s%n       %s%n", c.holds() ? "OK" : "FAIL", c.name(), c.detail());
    }
  }

  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
