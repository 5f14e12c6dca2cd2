package dev.railway.engine;

import dev.railway.definition.Workflow;
import dev.railway.store.OutboxEntry;
import dev.railway.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outcomes from the store's outbox to listeners and to chained workflows, at least once:
 * an entry is marked delivered only after every listener returned, so a crash redelivers it under
 * the same event id.
 */
final class OutcomeDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutcomeDispatcher.class);

  private final Store store;
  private final EventCodec codec;
  private final List<OutcomeListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Workflow<?>> chained;
  private final Engine engine;

  OutcomeDispatcher(Store store, EventCodec codec, List<Workflow<?>> chained, Engine engine) {
    this.store = store;
    this.codec = codec;
    this.chained = List.copyOf(chained);
    this.engine = engine;
  }

  void addListener(OutcomeListener listener) {
    listeners.add(listener);
  }

  /** Delivers what is waiting; returns how many entries were delivered. */
  int deliverPending() {
    List<Long> delivered = new ArrayList<>();
    try {
      for (OutboxEntry entry : store.undelivered(256)) {
        Object outcome = codec.decode(entry.outcome());
        try {
          for (OutcomeListener l : listeners) {
            l.onOutcome(entry.eventId(), entry.workflow(), entry.instanceId(), outcome);
          }
          for (Workflow<?> next : chained) {
            if (next.triggerType().isInstance(outcome)) {
              engine.startChained(next, entry.eventId(), outcome);
            }
          }
          delivered.add(entry.id());
        } catch (RuntimeException e) {
          // Left in the outbox: delivered again on the next pass, under the same event id.
          log.warn("delivering outcome {} failed; will retry: {}", entry.eventId(), e.toString());
          break;
        }
      }
    } finally {
      // One transaction marks the whole pass delivered. A crash before it redelivers the pass,
      // which at-least-once delivery allows.
      if (!delivered.isEmpty()) {
        store.markAllDelivered(delivered);
      }
    }
    return delivered.size();
  }
}
