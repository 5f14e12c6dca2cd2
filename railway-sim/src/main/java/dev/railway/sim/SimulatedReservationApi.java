package dev.railway.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated two-step reservation API for OptimisticLock tasks. A reservation (first step) is
 * tagged with the task id, holds for a while, and can be cancelled; confirming one (second step) is
 * the effect that counts. Pending reservations are listed per task in creation order.
 *
 * <p>Like many real two-step APIs it lets a cancel undo a <em>confirmed</em> reservation: an engine
 * that undoes a second step it believes failed (its response was lost, it timed out) cancels what
 * the customer holds. At the end of a run it reports every such cancel, and every losing
 * reservation that the attempt holding it should have cancelled but left pending (DESIGN.md I5):
 * one it received, whose attempt neither crashed nor saw its cancel or confirm fail, still held
 * when its task was decided otherwise (a hold that ran out first was released by the API).
 */
public final class SimulatedReservationApi implements SimulatedParty {
  /** How long a reservation holds when nobody confirms or cancels it. */
  public static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);

  private enum State {
    PENDING,
    CANCELLED,
    CONFIRMED
  }

  private static final class Held {
    final Reservation reservation;
    final String attempt;
    final Instant expiresAt;
    State state = State.PENDING;
    boolean confirmedThenCancelled;
    boolean confirmFailed;
    boolean handedOut;
    boolean cancelFailed;

    Held(Reservation reservation, String attempt, Instant expiresAt) {
      this.reservation = reservation;
      this.attempt = attempt;
      this.expiresAt = expiresAt;
    }
  }

  /** A first step: a reservation held for the task. */
  public record Reservation(String id, String taskId) {}

  /** A second step: the confirmed reservation. */
  public record Confirmation(String reservationId, String taskId) {}

  private final SimulatedWorld world;
  private final Duration hold;
  private final List<Held> all = new ArrayList<>();

  public SimulatedReservationApi(SimulatedWorld world) {
    this(world, DEFAULT_HOLD);
  }

  public SimulatedReservationApi(SimulatedWorld world, Duration hold) {
    this.world = world;
    world.register(this);
    if (hold == null || hold.isNegative() || hold.isZero()) {
      throw new IllegalArgumentException("reservation hold must be positive; was " + hold);
    }
    this.hold = hold;
  }

  @Override
  public String name() {
    return "reservations";
  }

  /** First step: holds a reservation tagged {@code taskId}. */
  public Reservation reserve(String taskId) throws Exception {
    Held[] made = new Held[1];
    Reservation r =
        world.call(
            this,
            "reserve",
            () -> {
              Reservation res = new Reservation("R-" + (all.size() + 1), taskId);
              made[0] = new Held(res, world.currentAttempt(), world.now().plus(hold));
              all.add(made[0]);
              return res;
            });
    made[0].handedOut = true;
    return r;
  }

  /** Pending, unexpired reservations tagged {@code taskId}, oldest first. */
  public List<Reservation> pending(String taskId) throws Exception {
    return world.call(
        this,
        "pending",
        () ->
            all.stream()
                .filter(h -> h.reservation.taskId().equals(taskId) && live(h))
                .map(h -> h.reservation)
                .toList());
  }

  /** The confirmation of {@code taskId}, if a reservation tagged with it was confirmed. */
  public Optional<Confirmation> confirmed(String taskId) throws Exception {
    return world.call(
        this,
        "confirmed",
        () ->
            all.stream()
                .filter(h -> h.reservation.taskId().equals(taskId) && h.state == State.CONFIRMED)
                .map(h -> new Confirmation(h.reservation.id(), taskId))
                .findFirst());
  }

  /** Second step: confirms a pending, unexpired reservation. */
  public Confirmation confirm(Reservation reservation) throws Exception {
    try {
      return confirmCall(reservation);
    } catch (Exception | Error e) {
      find(reservation).confirmFailed = true;
      throw e;
    }
  }

  private Confirmation confirmCall(Reservation reservation) throws Exception {
    return world.call(
        this,
        "confirm",
        () -> {
          Held h = find(reservation);
          if (!live(h)) {
            throw new IllegalStateException(
                "reservation " + reservation.id() + " is " + describe(h) + ", cannot confirm");
          }
          h.state = State.CONFIRMED;
          world.effect(this, "confirmed " + reservation.id() + " for " + reservation.taskId());
          return new Confirmation(reservation.id(), reservation.taskId());
        });
  }

  /**
   * Cancels a reservation: a pending one, or a confirmed one (the confirmation is undone, as many
   * real APIs allow); cancelling an expired one is a no-op.
   */
  public void cancel(Reservation reservation) throws Exception {
    Held h = find(reservation);
    try {
      world.call(
          this,
          "cancel",
          () -> {
            if (h.state == State.CONFIRMED) {
              h.confirmedThenCancelled = true;
            }
            h.state = State.CANCELLED;
            return null;
          });
    } catch (Exception | Error e) {
      h.cancelFailed = true;
      throw e;
    }
  }

  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Held h : all) {
      String task = h.reservation.taskId();
      if (h.confirmedThenCancelled) {
        problems.add(
            "I5: confirmed reservation "
                + h.reservation.id()
                + " of "
                + task
                + " was cancelled by an undo (the second step had completed)");
      }
      boolean decided = world.decided(task);
      boolean confirmedOther =
          all.stream()
              .anyMatch(
                  o -> o != h && o.reservation.taskId().equals(task) && o.state == State.CONFIRMED);
      // A hold that ran out before the task was decided was released by this API itself: the
      // engine can list and undo only live holds.
      boolean heldAtDecision =
          world.decidedAt(task).map(at -> h.expiresAt.isAfter(at)).orElse(true);
      // After a failed confirm the caller cannot know whether it went through: it must not undo
      // (that could cancel a confirmed step), so the hold is this API's to expire.
      if (h.state == State.PENDING
          && h.handedOut
          && !h.cancelFailed
          && !h.confirmFailed
          && !world.crashed(h.attempt)
          && heldAtDecision
          && (confirmedOther || decided)) {
        problems.add(
            "I5: losing reservation "
                + h.reservation.id()
                + " of "
                + task
                + " (attempt "
                + h.attempt
                + ") was never cancelled");
      }
    }
    return problems;
  }

  private boolean live(Held h) {
    return h.state == State.PENDING && world.now().isBefore(h.expiresAt);
  }

  private String describe(Held h) {
    return h.state == State.PENDING ? "expired" : h.state.name().toLowerCase(java.util.Locale.ROOT);
  }

  private Held find(Reservation r) {
    return all.stream()
        .filter(h -> h.reservation.equals(r))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no reservation " + r));
  }
}
