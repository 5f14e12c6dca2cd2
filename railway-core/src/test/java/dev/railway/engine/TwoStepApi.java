package dev.railway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OptimisticLock third party: holds (first steps) tagged with the task id, which can be
 * confirmed (second step) or undone. A confirmed hold is no longer listed as live: it became the
 * result. The script applies to confirmations, the effects that count.
 */
final class TwoStepApi extends ThirdParty {
  enum State {
    LIVE,
    UNDONE,
    CONFIRMED
  }

  private record Hold(String id, String key, State state) {}

  private final List<Hold> holds = new ArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile Runnable onHold = () -> {};

  /** Runs {@code hook} after every hold is taken, on the caller's thread. */
  void onHold(Runnable hook) {
    this.onHold = hook;
  }

  String hold(String key) {
    String id = "hold-" + sequence.incrementAndGet();
    synchronized (holds) {
      holds.add(new Hold(id, key, State.LIVE));
    }
    onHold.run();
    return id;
  }

  List<String> liveHolds(String key) {
    return ids(key, State.LIVE);
  }

  String confirm(String key, String hold) throws Exception {
    return call(
        key,
        () -> {
          change(hold, State.LIVE, State.CONFIRMED);
          return "booking-" + hold;
        });
  }

  Optional<String> confirmed(String key) {
    return ids(key, State.CONFIRMED).stream().map(h -> "booking-" + h).findFirst();
  }

  private volatile boolean undoCancelsConfirmed;

  /** From now on {@code undo} also cancels a confirmed hold, as many real APIs allow. */
  void undoCancelsConfirmed() {
    this.undoCancelsConfirmed = true;
  }

  void undo(String key, String hold) {
    if (undoCancelsConfirmed && ids(key, State.CONFIRMED).contains(hold)) {
      change(hold, State.CONFIRMED, State.UNDONE);
      return;
    }
    change(hold, State.LIVE, State.UNDONE);
  }

  /** Second steps confirmed for the key: the effects that count. */
  int effects(String key) {
    return ids(key, State.CONFIRMED).size();
  }

  List<String> undone(String key) {
    return ids(key, State.UNDONE);
  }

  private List<String> ids(String key, State state) {
    synchronized (holds) {
      return holds.stream()
          .filter(h -> h.key().equals(key) && h.state() == state)
          .map(Hold::id)
          .toList();
    }
  }

  private void change(String id, State from, State to) {
    synchronized (holds) {
      for (int i = 0; i < holds.size(); i++) {
        Hold h = holds.get(i);
        if (h.id().equals(id)) {
          if (h.state() != from) {
            throw new IllegalStateException("hold " + id + " is " + h.state() + ", not " + from);
          }
          holds.set(i, new Hold(id, h.key(), to));
          return;
        }
      }
      throw new IllegalArgumentException("no hold " + id);
    }
  }
}
