package dev.railway.cli.bench;

import java.util.Map;

/**
 * What the simulated third parties did, read back from their ledger.
 *
 * @param charges charges made per idempotency key
 * @param confirmedHolds confirmed holds per task id
 * @param liveLosingHolds holds still held and not expired
 * @param invoices invoices per reference
 * @param shipments shipments per order
 */
public record LedgerCounts(
    Map<String, Integer> charges,
    Map<String, Integer> confirmedHolds,
    long liveLosingHolds,
    Map<String, Integer> invoices,
    Map<String, Integer> shipments) {}
