package dev.railway.examples.spring;

import dev.railway.spring.RailwayOutcomeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Hears every outcome once it is durable; keeps the latest per expense (deliveries may repeat). */
@Component
public class ExpenseOutcomes {
  private static final Logger log = LoggerFactory.getLogger(ExpenseOutcomes.class);

  private final Map<String, Object> byInstance = new ConcurrentHashMap<>();

  @EventListener
  public void on(RailwayOutcomeEvent e) {
    byInstance.put(e.instanceId(), e.outcome());
    log.info("{} ended with {}", e.instanceId(), e.outcome());
  }

  public Object of(String expenseId) {
    return byInstance.get("expense:" + expenseId);
  }
}
