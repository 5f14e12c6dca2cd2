package dev.railway.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.cli.bench.BenchEvents;
import dev.railway.cli.bench.BenchWorkflows;
import dev.railway.cli.bench.LedgerCounts;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The invariants of a run of the mixed workflow, checked against the third parties' ledger. */
final class MixedInvariants {
  private MixedInvariants() {}

  /**
   * Checks I1-I6 for {@code expected} finished instances of the mixed workflow against the third
   * parties' own ledger, and prints the outcomes.
   */
  static void check(Store store, LedgerCounts ledger, int expected, String label) {
    check(store, ledger, expected, 0, label);
  }

  /**
   * Checks I1-I6 for {@code mixed} finished instances of the mixed workflow and {@code approvals}
   * of the approval workflow (a ToDo, then an Idempotent refund) against the third parties' own
   * ledger, and prints the outcomes.
   */
  static void check(Store store, LedgerCounts ledger, int mixed, int approvals, String label) {
    List<InstanceRecord> instances = store.instances();
    // I2: every accepted trigger started exactly one instance, and every instance finished.
    assertThat(instances).hasSize(mixed + approvals);
    assertThat(instances).allMatch(InstanceRecord::finished);
    assertThat(store.openTasks()).as("open tasks after every instance finished").isEmpty();

    Map<String, Integer> outcomes = new TreeMap<>();
    Set<String> reserved = new HashSet<>();
    Map<String, String> outcomeByOrder = new HashMap<>();
    int approved = 0;
    for (InstanceRecord i : instances) {
      if (i.instanceId().startsWith(BenchWorkflows.APPROVAL + ":")) {
        // The ToDo was answered once, and the refund after it charged once (I3 below) or not
        // at all for a refund that failed.
        String id = i.instanceId().substring(BenchWorkflows.APPROVAL.length() + 1);
        String outcome = simpleName(i.outcome().type());
        outcomes.merge("approval:" + outcome, 1, Integer::sum);
        assertThat(outcome).as("outcome of approval %s", id).isIn("Done", "Failed");
        if (outcome.equals("Done")) {
          assertThat(ledger.charges()).as("refund of %s", id).containsKey("refund-" + id);
        }
        List<DecisionRecord> decisions = store.decisions(i.instanceId());
        assertThat(decisions).as("decisions of %s: the ToDo's and the refund's", id).hasSize(2);
        approved++;
        continue;
      }
      String order = i.instanceId().substring(BenchWorkflows.MIXED.length() + 1);
      String outcome = simpleName(i.outcome().type());
      outcomes.merge(outcome, 1, Integer::sum);
      outcomeByOrder.put(order, outcome);
      // I1: at most one decision per task identifier.
      List<DecisionRecord> decisions = store.decisions(i.instanceId());
      assertThat(decisions.stream().map(DecisionRecord::taskId).distinct().count())
          .as("decisions of %s are one per task", i.instanceId())
          .isEqualTo(decisions.size());
      for (DecisionRecord d : decisions) {
        if (simpleName(d.event().type()).equals("Reserved")) {
          reserved.add(d.taskId());
        }
      }
    }
    assertThat(approved).as("approval instances").isEqualTo(approvals);
    System.out.printf(
        Locale.ROOT,
        "%s: outcomes %s; losing holds still live (expire by themselves) %d%n",
        label,
        outcomes,
        ledger.liveLosingHolds());
    // I3: Idempotent charges, at most one per key.
    assertThat(ledger.charges()).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    // I4: Pessimistic invoices, at most one per task.
    assertThat(ledger.invoices()).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    // I5: Optimistic, at most one confirmed second step per task; exactly one where decided.
    assertThat(ledger.confirmedHolds()).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    for (String task : reserved) {
      assertThat(ledger.confirmedHolds()).as("confirmed hold of %s", task).containsKey(task);
    }
    // I6: BlackBoxed at most once: at most one shipment per order, and a shipment whose
    // response was lost is surfaced as uncertain, never silently retried or called a failure.
    assertThat(ledger.shipments()).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    ledger
        .shipments()
        .keySet()
        .forEach(order ->
            assertThat(outcomeByOrder.get(order))
                .as("outcome of shipped order %s", order)
                .isIn("Done", "ShipmentUncertain"));
    outcomeByOrder.forEach((order, outcome) -> {
      if (outcome.equals("Done")) {
        assertThat(ledger.shipments()).as("shipment of %s", order).containsKey(order);
      }
    });
    assertThat(outcomes.keySet())
        .isSubsetOf(
            simpleName(BenchEvents.Done.class.getName()),
            simpleName(BenchEvents.Failed.class.getName()),
            simpleName(BenchEvents.ShipmentUncertain.class.getName()),
            "approval:Done",
            "approval:Failed");
  }

  static String simpleName(String type) {
    return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
  }
}
