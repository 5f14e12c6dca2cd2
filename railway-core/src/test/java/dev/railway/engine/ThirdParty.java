package dev.railway.engine;

import dev.railway.definition.NothingDoneException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every recording fake third party shares: a script of how its next calls behave, a hook to
 * hold a call at a controlled point (for races), and counters of calls and interrupts. Effects are
 * counted by the subclasses, in the terms of their own API.
 */
abstract class ThirdParty {

  /** How one call behaves; calls beyond the script succeed. */
  enum Behaviour {
    /** Acts and answers. */
    SUCCEED,
    /** Refuses with an unknown error; nothing is done. */
    FAIL,
    /** Acts, but the answer is lost: the caller sees an unknown error. */
    LOSE_RESPONSE,
    /** Answers with an error that proves nothing was done. */
    NOTHING_DONE,
    /** Hangs until interrupted; nothing is done. */
    HANG,
    /** Hangs until interrupted, and the request lands anyway: a late effect. */
    HANG_THEN_LAND
  }

  private final Deque<Behaviour> script = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final CountDownLatch landedLate = new CountDownLatch(1);
  private volatile Runnable onCall = () -> {};

  /** Scripts the next calls, in order. */
  synchronized ThirdParty then(Behaviour... next) {
    script.addAll(java.util.List.of(next));
    return this;
  }

  /** Runs {@code hook} at the start of every call, on the caller's thread. */
  void onCall(Runnable hook) {
    this.onCall = hook;
  }

  int calls() {
    return calls.get();
  }

  /** Waits (bounded) for a hanging call to be interrupted; false if it never was. */
  boolean awaitInterrupt() throws InterruptedException {
    return interrupted.await(10, TimeUnit.SECONDS);
  }

  /** Waits (bounded) for a hanging call's late effect to land; false if it never did. */
  boolean awaitLateEffect() throws InterruptedException {
    return landedLate.await(10, TimeUnit.SECONDS);
  }

  private synchronized Behaviour next() {
    Behaviour b = script.poll();
    return b == null ? Behaviour.SUCCEED : b;
  }

  /** Performs one scripted call whose effect, when it acts, is {@code effect}. */
  final <T> T call(String key, Supplier<T> effect) throws Exception {
    Behaviour behaviour = next();
    calls.incrementAndGet();
    onCall.run();
    switch (behaviour) {
      case SUCCEED -> {
        return effect.get();
      }
      case FAIL -> throw new IOException("third party refused " + key);
      case LOSE_RESPONSE -> {
        effect.get();
        throw new IOException("response for " + key + " lost");
      }
      case NOTHING_DONE -> throw new NothingDoneException("rejected " + key + " before acting");
      case HANG, HANG_THEN_LAND -> {
        try {
          new CountDownLatch(1).await(10, TimeUnit.SECONDS);
          throw new IllegalStateException("call for " + key + " was never interrupted");
        } catch (InterruptedException e) {
          interrupted.countDown();
          if (behaviour == Behaviour.HANG_THEN_LAND) {
            effect.get();
            landedLate.countDown();
          }
          throw e;
        }
      }
      default -> throw new AssertionError(behaviour);
    }
  }
}
