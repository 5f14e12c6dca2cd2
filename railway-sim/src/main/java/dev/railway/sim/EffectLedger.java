package dev.railway.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated third parties did in one run, by task and by attempt: the effects the
 * invariants bound, which attempts acted (an attempt that acted but did not record the decision
 * left an effect the engine must surface), which attempts crashed, and on which tasks an attempt
 * acted after a pause longer than the grace period (where broken bounds are the assumption's, not
 * the engine's).
 */
final class EffectLedger {
  private final Map<String, Integer> effects = new LinkedHashMap<>();
  private final Map<String, Set<String>> actedBy = new LinkedHashMap<>();
  private final Map<String, String> labels = new HashMap<>();
  private final Set<String> crashed = new HashSet<>();
  private final Set<String> afterLongPause = new LinkedHashSet<>();

  /** One effect of {@code taskId}'s attempt {@code owner} (null outside an attempt). */
  void effect(String taskId, String owner, boolean afterLongPause) {
    effects.merge(taskId, 1, Integer::sum);
    if (owner != null) {
      actedBy.computeIfAbsent(taskId, k -> new LinkedHashSet<>()).add(owner);
    }
    if (afterLongPause) {
      this.afterLongPause.add(taskId);
    }
  }

  void crashed(String owner) {
    if (owner != null) {
      crashed.add(owner);
    }
  }

  /** Whether the attempt that the trace names {@code label} crashed. */
  boolean crashedLabel(String label) {
    return crashed.stream().anyMatch(o -> label(o).equals(label));
  }

  /** Effects per task. */
  Map<String, Integer> effects() {
    return effects;
  }

  /** The attempts (lock owners) that acted at a third party, per task. */
  Map<String, Set<String>> actedBy() {
    return actedBy;
  }

  /** Tasks on which an attempt acted after pausing longer than the grace period. */
  Set<String> afterLongPause() {
    return afterLongPause;
  }

  /** The short name of an attempt in the trace: {@code a1}, {@code a2}, ... */
  String label(String owner) {
    if (owner == null) {
      return "a?";
    }
    return labels.computeIfAbsent(owner, o -> "a" + (labels.size() + 1));
  }
}
