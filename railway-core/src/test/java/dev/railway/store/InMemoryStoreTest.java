package dev.railway.store;

import dev.railway.engine.testing.SettableClock;

class InMemoryStoreTest extends StoreContractTest {

  @Override
  protected Store newStore(SettableClock clock) {
    return new InMemoryStore(clock);
  }
}
