package dev.railway.sim;

import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.ForwardingStore;
import dev.railway.store.InMemoryStore;
import dev.railway.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MUTANT store: records decisions without the uniqueness guarantee. A decision for an already
 * decided task is kept too and reported as recorded, as a store without the unique constraint
 * would. Exists only to prove the simulation catches it (I1). Everything else is the in-memory
 * store.
 */
final class NonUniqueDecisionStore extends ForwardingStore {
  private final List<DecisionRecord> duplicates = new ArrayList<>();

  NonUniqueDecisionStore(Clock clock) {
    super(new InMemoryStore(clock));
  }

  @Override
  public synchronized List<CommitResult> commit(List<DecisionRecord> decisions) {
    List<CommitResult> results = new ArrayList<>(super.commit(decisions));
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof CommitResult.AlreadyDecided) {
        duplicates.add(decisions.get(i));
        results.set(i, new CommitResult.Recorded());
      }
    }
    return results;
  }

  @Override
  public synchronized List<DecisionRecord> decisions(String instanceId) {
    List<DecisionRecord> all = new ArrayList<>(super.decisions(instanceId));
    duplicates.stream().filter(d -> d.instanceId().equals(instanceId)).forEach(all::add);
    return all;
  }

  @Override
  public Optional<DecisionRecord> decision(String taskId) {
    return super.decision(taskId);
  }

  static Store open(Clock clock) {
    return new NonUniqueDecisionStore(clock);
  }
}
