package dev.railway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake PessimisticLock third party: it can be queried by task-id metadata but honours no key, so
 * every call that acts is one more effect.
 */
final class QueryableApi extends ThirdParty {
  private final List<String[]> created = new ArrayList<>();

  String create(String key) throws Exception {
    return call(
        key,
        () -> {
          synchronized (created) {
            String number = "invoice-" + (created.size() + 1);
            created.add(new String[] {key, number});
            return number;
          }
        });
  }

  /** Finds an earlier action by its task-id metadata; counted separately from calls. */
  Optional<String> find(String key) {
    synchronized (created) {
      return created.stream().filter(c -> c[0].equals(key)).map(c -> c[1]).findFirst();
    }
  }

  int effects(String key) {
    synchronized (created) {
      return (int) created.stream().filter(c -> c[0].equals(key)).count();
    }
  }
}
