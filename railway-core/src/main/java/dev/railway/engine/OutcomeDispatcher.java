package dev.railway.engine;

import dev.railway.definition.Workflow;
import dev.railway.store.OutboxEntry;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outcomes from the store's outbox to listeners and to chained workflows.
 *
 * <p>Entries are claimed with a lease, as tasks are, so among several engines one delivers each
 * outcome; a crash before the entry is marked delivered lets the lease run out and another engine
 * delivers it again, under the same event id (at least once). A failed delivery is that entry's
 * alone: it is retried after its own backoff and parked after {@link OutcomeRetry#maxFailures()},
 * while every other entry goes on.
 */
final class OutcomeDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutcomeDispatcher.class);

  /** Entries claimed per pass. */
  private static final int BATCH = 256;

  private final Store store;
  private final EventCodec codec;
  private final List<OutcomeListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Workflow<?>> chained;
  private final ChainedStart chainedStart;
  private final String owner;
  private final Duration lease;
  private final OutcomeRetry retry;
  private final EngineMetrics metrics;
  private final RandomGenerator jitter;
  private final Traces traces;

  OutcomeDispatcher(
      Store store,
      EventCodec codec,
      List<Workflow<?>> chained,
      ChainedStart chainedStart,
      String owner,
      Duration lease,
      OutcomeRetry retry,
      EngineMetrics metrics,
      Traces traces,
      RandomGenerator jitter) {
    this.traces = traces;
    this.store = store;
    this.codec = codec;
    this.chained = List.copyOf(chained);
    this.chainedStart = chainedStart;
    this.owner = owner;
    this.lease = lease;
    this.retry = retry;
    this.metrics = metrics;
    this.jitter = jitter;
  }

  void addListener(OutcomeListener listener) {
    listeners.add(listener);
  }

  /** Delivers what is due and claimable now; returns how many entries were delivered. */
  int deliverPending() {
    List<Long> delivered = new ArrayList<>();
    try {
      for (OutboxEntry entry : store.claimOutbox(owner, BATCH, lease)) {
        if (deliver(entry)) {
          delivered.add(entry.id());
        }
      }
    } finally {
      // One transaction marks the whole pass delivered. A crash before it redelivers the pass once
      // the leases run out, which at-least-once delivery allows.
      if (!delivered.isEmpty()) {
        store.markAllDelivered(delivered);
        metrics.outcomesDelivered(delivered.size());
      }
    }
    return delivered.size();
  }

  private boolean deliver(OutboxEntry entry) {
    try (Tracing.Span span = traces.outcomeDelivery(entry, entry.outcome().type())) {
      boolean delivered = deliverTraced(entry);
      span.result(delivered ? "delivered" : "failed");
      return delivered;
    }
  }

  private boolean deliverTraced(OutboxEntry entry) {
    try {
      Object outcome = codec.decode(entry.outcome());
      for (OutcomeListener l : listeners) {
        l.onOutcome(entry.eventId(), entry.workflow(), entry.instanceId(), outcome);
      }
      for (Workflow<?> next : chained) {
        if (next.triggerType().isInstance(outcome)) {
          chainedStart.start(next, entry.eventId(), outcome);
        }
      }
      return true;
    } catch (StoreUnavailableException e) {
      // Not the entry's fault: it keeps its count, and its lease brings it back after the outage.
      throw e;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      failed(entry, e);
      return false;
    }
  }

  private void failed(OutboxEntry entry, Throwable error) {
    int failures = entry.failures() + 1;
    String why = error.toString();
    if (failures >= retry.maxFailures()) {
      store.parkOutbox(entry.id(), why);
      metrics.outcomeParked(entry.workflow());
      log.warn(
          "outcome {} of {} parked after {} failed deliveries; other outcomes go on; last error: {}",
          entry.eventId(),
          entry.instanceId(),
          failures,
          why);
      return;
    }
    Duration base = retry.delayAfter(failures);
    // Between half and all of the delay: never later than the backoff promises.
    Duration delay = base.minus(base.multipliedBy(jitter.nextInt(500)).dividedBy(1000));
    store.retryOutbox(entry.id(), delay, why);
    metrics.outcomeFailed(entry.workflow());
    if (failures == 1) {
      log.info("delivering outcome {} failed; retrying it in {}: {}", entry.eventId(), delay, why);
    } else {
      log.debug(
          "delivering outcome {} failed {} times; retrying it in {}: {}",
          entry.eventId(),
          failures,
          delay,
          why);
    }
  }
}
