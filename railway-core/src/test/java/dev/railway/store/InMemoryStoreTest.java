package dev.railway.store;

class InMemoryStoreTest extends StoreContractTest {

  @Override
  protected Store newStore(MutableClock clock) {
    return new InMemoryStore(clock);
  }
}
