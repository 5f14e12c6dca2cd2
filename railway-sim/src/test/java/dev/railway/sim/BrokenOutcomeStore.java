package dev.railway.sim;

import dev.railway.store.ForwardingStore;
import dev.railway.store.InMemoryStore;
import dev.railway.store.StreamEvent;
import java.time.Clock;
import java.util.List;

/** A store that loses the TriggerAccepted events of its streams: every run must fail I2. */
final class BrokenOutcomeStore extends ForwardingStore {
  BrokenOutcomeStore(Clock clock) {
    super(new InMemoryStore(clock));
  }

  @Override
  public List<StreamEvent> stream(String instanceId) {
    return super.stream(instanceId).stream()
        .filter(e -> !e.kind().equals("TriggerAccepted"))
        .toList();
  }
}
