package dev.railway.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * Collects the outcomes published as application events, by event id (delivery is at least once).
 */
class Outcomes {
  final Map<String, RailwayOutcomeEvent> byEventId = new ConcurrentHashMap<>();

  @EventListener
  void on(RailwayOutcomeEvent e) {
    byEventId.put(e.eventId(), e);
  }

  boolean has(Object outcome) {
    return byEventId.values().stream().anyMatch(e -> e.outcome().equals(outcome));
  }
}
