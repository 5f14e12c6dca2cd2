package dev.railway.cli.bench;

import java.util.List;
import java.util.Optional;

/**
 * The simulated third parties of the bench workflows, one per integration kind, keeping a ledger of
 * every effect so the invariants can be checked against what they did. Implementations: {@link
 * MemoryThirdParties} (one process) and {@link JdbcThirdParties} (a database shared by workers).
 */
public interface ThirdParties {
  /** Idempotent payments: one charge per key, however often it is called. */
  String charge(String key) throws Exception;

  /** Stock, first step: places a hold tagged with the task id that expires by itself. */
  String hold(String taskId) throws Exception;

  /** Live holds of the task, oldest first. */
  List<String> liveHolds(String taskId) throws Exception;

  /** The hold confirmed for the task, if any. */
  Optional<String> confirmed(String taskId) throws Exception;

  /** Stock, second step: confirms a live hold; fails when it is no longer held. */
  String confirm(String taskId, String hold) throws Exception;

  /** Releases a hold that is still held. */
  void release(String hold) throws Exception;

  /** Invoicing: creates an invoice; does not deduplicate. */
  String invoice(String reference) throws Exception;

  /** The first invoice with this reference. */
  Optional<String> findInvoice(String reference) throws Exception;

  /** The opaque warehouse: ships, and cannot be asked afterwards. */
  String ship(String orderId) throws Exception;

  /** What the third parties did, for the invariant checks. */
  LedgerCounts counts();
}
