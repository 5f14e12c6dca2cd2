package dev.railway.engine;

import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an {@link Engine} works: its worker id, how much it claims and runs at once, how it writes,
 * how long it waits. Immutable; built with {@link #custom()}, where every value is checked as it is
 * set and a bad one is refused with a message that shows it. The bounds that depend on the store
 * (attempts in flight, writers) and on the workflows (the lease) are derived when the engine is
 * built, unless set here.
 *
 * <pre>{@code
 * EngineConfig config = EngineConfig.custom().workerId("billing-1").batchSize(32).build();
 * Engine engine = Engine.builder(store).config(config).workflow(orders).build();
 * }</pre>
 */
public final class EngineConfig {
  private static final Logger log = LoggerFactory.getLogger(EngineConfig.class);

  private final String workerId;
  private final int batchSize;
  private final Integer maxInFlight;
  private final int commitBatch;
  private final Integer writers;
  private final Duration pollInterval;
  private final Duration lease;
  private final Duration todoRecheck;
  private final OutcomeRetry outcomeRetry;
  private final Duration storeTimeout;

  private EngineConfig(Builder b) {
    this.workerId =
        b.workerId != null ? b.workerId : "worker-" + UUID.randomUUID().toString().substring(0, 8);
    this.batchSize = b.batchSize;
    this.maxInFlight = b.maxInFlight;
    this.commitBatch = b.commitBatch;
    this.writers = b.writers;
    this.pollInterval = b.pollInterval;
    this.lease = b.lease;
    this.todoRecheck = b.todoRecheck;
    this.outcomeRetry = b.outcomeRetry;
    this.storeTimeout = b.storeTimeout;
  }

  /** Every default, with a worker id of its own ({@code worker-} and eight random characters). */
  public static EngineConfig defaults() {
    return custom().build();
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code config}'s values. */
  public static Builder from(EngineConfig config) {
    return new Builder(Objects.requireNonNull(config, "config"));
  }

  /** This engine's worker id, as written in leases and lock owners. */
  public String workerId() {
    return workerId;
  }

  /** How many due tasks one claim takes. */
  public int batchSize() {
    return batchSize;
  }

  /** How many attempts may run at once; empty: derived from the store, see the builder. */
  public OptionalInt maxInFlight() {
    return maxInFlight == null ? OptionalInt.empty() : OptionalInt.of(maxInFlight);
  }

  /** How many decisions one group commit may carry. */
  public int commitBatch() {
    return commitBatch;
  }

  /** How many group commits of each kind may be written at once; empty: derived from the store. */
  public OptionalInt writers() {
    return writers == null ? OptionalInt.empty() : OptionalInt.of(writers);
  }

  /** Longest idle sleep between claims. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Lease on claimed tasks; empty: twice the longest lock TTL of the workflows, at least 10 s. */
  public Optional<Duration> lease() {
    return Optional.ofNullable(lease);
  }

  /** How often a ToDo with a stillNeeded check is looked at. */
  public Duration todoRecheck() {
    return todoRecheck;
  }

  /** How a failed outcome delivery is retried, and after how many failures it is parked. */
  public OutcomeRetry outcomeRetry() {
    return outcomeRetry;
  }

  /** How long a blocking call waits for the store; see {@link Builder#storeTimeout}. */
  public Duration storeTimeout() {
    return storeTimeout;
  }

  @Override
  public String toString() {
    return "EngineConfig[workerId=%s, batchSize=%d, maxInFlight=%s, commitBatch=%d, writers=%s,"
            .formatted(
                workerId,
                batchSize,
                maxInFlight == null ? "derived" : maxInFlight,
                commitBatch,
                writers == null ? "derived" : writers)
        + " pollInterval=%s, lease=%s, todoRecheck=%s, outcomeRetry=%s, storeTimeout=%s]"
            .formatted(
                pollInterval,
                lease == null ? "derived" : lease,
                todoRecheck,
                outcomeRetry,
                storeTimeout);
  }

  /** The bounds of one engine: this configuration resolved against its store and workflows. */
  record Resolved(int maxInFlight, int writers, Duration lease) {}

  /**
   * Resolves the derived bounds: in-flight work bounded by what the store can serve ({@link
   * Store#concurrency()}), the lease from the longest lock.
   *
   * @throws IllegalArgumentException when the writers set here do not fit in the store's pool
   */
  Resolved resolve(int concurrency, List<Workflow<?>> workflows) {
    boolean bounded = concurrency != Integer.MAX_VALUE;
    int resolvedWriters;
    if (writers != null) {
      if (bounded && concurrency > 1 && 3 * writers + 2 > concurrency) {
        throw new IllegalArgumentException(
            ("writers(%d) needs up to 3 x %d = %d store connections at once for the group"
                    + " commits (decisions, starts, attempt records), plus 2 for the claimer and"
                    + " the outcome deliverer = %d, but the store serves %d at once (its"
                    + " connection pool size): use writers(%d) or fewer, or a larger pool")
                .formatted(
                    writers,
                    writers,
                    3 * writers,
                    3 * writers + 2,
                    concurrency,
                    Math.max(1, (concurrency - 2) / 3)));
      }
      resolvedWriters = writers;
    } else {
      resolvedWriters = bounded ? Math.clamp((concurrency - 2) / 3, 1, 4) : 4;
    }
    int derived = bounded ? (int) Math.clamp(16L * concurrency, 64, 4096) : 4096;
    if (maxInFlight != null && maxInFlight > derived && bounded) {
      log.info(
          "maxInFlight({}) is above the {} derived from the store's {} connection(s): attempts"
              + " beyond what the store serves wait their turn for a connection (fine for slow"
              + " third parties; if the store is the slow part, lower it)",
          maxInFlight,
          derived,
          concurrency);
    }
    return new Resolved(
        maxInFlight != null ? maxInFlight : derived,
        resolvedWriters,
        lease != null ? lease : defaultLease(workflows));
  }

  /** Leases outlive the longest lock so a healthy worker is not raced by its peers. */
  private static Duration defaultLease(List<Workflow<?>> workflows) {
    Duration longest = Duration.ZERO;
    for (Workflow<?> w : workflows) {
      for (Task<?> t : w.tasks()) {
        if (t instanceof StateTask<?, ?> s && s.lockTtl().compareTo(longest) > 0) {
          longest = s.lockTtl();
        }
      }
    }
    Duration lease = longest.multipliedBy(2);
    return lease.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : lease;
  }

  /** Builds an {@link EngineConfig}; every value is checked as it is set. */
  public static final class Builder {
    private String workerId;
    private int batchSize = 64;
    private Integer maxInFlight;
    private int commitBatch = 256;
    private Integer writers;
    private Duration pollInterval = Duration.ofMillis(200);
    private Duration lease;
    private Duration todoRecheck = Duration.ofMinutes(1);
    private OutcomeRetry outcomeRetry = OutcomeRetry.defaults();
    private Duration storeTimeout = Duration.ofSeconds(30);

    private Builder() {}

    private Builder(EngineConfig c) {
      this.workerId = c.workerId;
      this.batchSize = c.batchSize;
      this.maxInFlight = c.maxInFlight;
      this.commitBatch = c.commitBatch;
      this.writers = c.writers;
      this.pollInterval = c.pollInterval;
      this.lease = c.lease;
      this.todoRecheck = c.todoRecheck;
      this.outcomeRetry = c.outcomeRetry;
      this.storeTimeout = c.storeTimeout;
    }

    /** This engine's worker id, as written in leases and lock owners (default: a random one). */
    public Builder workerId(String workerId) {
      if (workerId == null || workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank; was '" + workerId + "'");
      }
      this.workerId = workerId;
      return this;
    }

    /** How many due tasks one claim takes (default 64). */
    public Builder batchSize(int batchSize) {
      this.batchSize = positive(batchSize, "batchSize");
      return this;
    }

    /**
     * How many attempts may run at once (they are virtual threads). Default: 16 per connection the
     * store serves at once ({@link Store#concurrency()}), at least 64 and at most 4096: 128 for a
     * pool of 8, 64 for SQLite, 4096 in memory. More is allowed (thousands of slow third-party
     * calls in flight): attempts beyond what the store serves then wait their turn for it, each
     * wait bounded by the store's connection timeout.
     */
    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = positive(maxInFlight, "maxInFlight");
      return this;
    }

    /** How many decisions one group commit may carry (default 256). */
    public Builder commitBatch(int commitBatch) {
      this.commitBatch = positive(commitBatch, "commitBatch");
      return this;
    }

    /**
     * How many group commits of each kind (decisions, starts, attempt records) may be written at
     * once. Default: what leaves the pool room for the claimer, the outcome deliverer and the
     * attempts' own reads, {@code (concurrency - 2) / 3} between 1 and 4 (2 for a pool of 8).
     * Checked when the engine is built: the three kinds' writers plus the claimer and the deliverer
     * must fit in what the store serves at once ({@code 3 * writers + 2 <= concurrency}); a store
     * that serializes every call (SQLite) takes any number, which only take turns.
     */
    public Builder writers(int writers) {
      this.writers = positive(writers, "writers");
      return this;
    }

    /** Longest idle sleep between claims (default 200 ms). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** Lease on claimed tasks (default: twice the longest lock TTL, at least 10 s). */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    /** How often a ToDo with a stillNeeded check is looked at (default 1 min). */
    public Builder todoRecheck(Duration todoRecheck) {
      this.todoRecheck = positive(todoRecheck, "todoRecheck");
      return this;
    }

    /**
     * How a failed outcome delivery is retried, and after how many failures it is parked (default
     * {@link OutcomeRetry#defaults()}).
     */
    public Builder outcomeRetry(OutcomeRetry outcomeRetry) {
      this.outcomeRetry = Objects.requireNonNull(outcomeRetry, "outcomeRetry");
      return this;
    }

    /**
     * How long a blocking call ({@code trigger}, {@code triggerAll}, {@code todos().complete}, each
     * write of an attempt) waits for the store before it fails with {@link
     * StoreUnavailableException} (default 30 s); also how long a write is retried while the store
     * is unavailable, and the part of {@link Engine#stop} spent on writing what is left.
     */
    public Builder storeTimeout(Duration storeTimeout) {
      this.storeTimeout = positive(storeTimeout, "storeTimeout");
      return this;
    }

    public EngineConfig build() {
      return new EngineConfig(this);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1; was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive; was " + value);
      }
      return value;
    }
  }
}
