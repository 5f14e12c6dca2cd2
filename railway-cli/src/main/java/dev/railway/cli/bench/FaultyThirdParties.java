package dev.railway.cli.bench;

import dev.railway.cli.demo.FaultInjector;
import dev.railway.cli.demo.FaultInjector.Fault;
import dev.railway.definition.NothingDoneException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Third parties that sometimes fail as real ones do: an error before anything happened, a lost
 * response after the effect, a response slower than the attempt timeout, and (only for the opaque
 * warehouse) an error that proves nothing was done.
 */
public final class FaultyThirdParties implements ThirdParties {
  private final ThirdParties real;
  private final FaultInjector faults;
  private final Duration slowness;
  private final Duration latency;

  public FaultyThirdParties(ThirdParties real, FaultInjector faults, Duration slowness) {
    this(real, faults, slowness, Duration.ZERO);
  }

  /**
   * @param latency how long every call takes before it reaches the third party (a slow provider)
   */
  public FaultyThirdParties(
      ThirdParties real, FaultInjector faults, Duration slowness, Duration latency) {
    this.real = real;
    this.faults = faults;
    this.slowness = slowness;
    this.latency = latency;
  }

  @FunctionalInterface
  private interface Call<T> {
    T call() throws Exception;
  }

  private <T> T perform(boolean opaque, Call<T> call) throws Exception {
    if (latency.isPositive()) {
      Thread.sleep(latency);
    }
    Fault fault = faults.next(opaque);
    switch (fault) {
      case ERROR -> throw new IOException("simulated outage: connection refused");
      case NOTHING_DONE -> throw new NothingDoneException("simulated rejection: request invalid");
      default -> {}
    }
    T result = call.call();
    switch (fault) {
      case LOST_RESPONSE ->
          throw new IOException("simulated lost response: reset after the request was sent");
      case TOO_SLOW -> {
        Thread.sleep(slowness.toMillis());
        throw new IOException("simulated slow response arrived after the caller gave up");
      }
      default -> {}
    }
    return result;
  }

  @Override
  public String charge(String key) throws Exception {
    return perform(false, () -> real.charge(key));
  }

  @Override
  public String hold(String taskId) throws Exception {
    return perform(false, () -> real.hold(taskId));
  }

  @Override
  public List<String> liveHolds(String taskId) throws Exception {
    return perform(false, () -> real.liveHolds(taskId));
  }

  @Override
  public Optional<String> confirmed(String taskId) throws Exception {
    return perform(false, () -> real.confirmed(taskId));
  }

  @Override
  public String confirm(String taskId, String hold) throws Exception {
    return perform(false, () -> real.confirm(taskId, hold));
  }

  @Override
  public void release(String hold) throws Exception {
    perform(
        false,
        () -> {
          real.release(hold);
          return null;
        });
  }

  @Override
  public String invoice(String reference) throws Exception {
    return perform(false, () -> real.invoice(reference));
  }

  @Override
  public Optional<String> findInvoice(String reference) throws Exception {
    return perform(false, () -> real.findInvoice(reference));
  }

  @Override
  public String ship(String orderId) throws Exception {
    return perform(true, () -> real.ship(orderId));
  }

  @Override
  public LedgerCounts counts() {
    return real.counts();
  }
}
