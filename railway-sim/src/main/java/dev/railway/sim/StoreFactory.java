package dev.railway.sim;

import dev.railway.store.Store;
import java.time.Clock;

/** Opens a fresh, empty store for one run, on the run's simulated clock. */
@FunctionalInterface
public interface StoreFactory {
  Store open(Clock clock);
}
