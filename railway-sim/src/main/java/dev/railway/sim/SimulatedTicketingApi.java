package dev.railway.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated ticketing API for PessimisticLock tasks: it honours no key (every create that acts is
 * one more ticket) and cannot delete, but finds tickets by the task id they were created with.
 */
public final class SimulatedTicketingApi implements SimulatedParty {
  private final SimulatedWorld world;
  private final List<Ticket> tickets = new ArrayList<>();

  /** A ticket, tagged with the task id that created it. */
  public record Ticket(String number, String taskId, String summary) {}

  public SimulatedTicketingApi(SimulatedWorld world) {
    this.world = world;
    world.register(this);
  }

  @Override
  public String name() {
    return "ticketing";
  }

  /** Creates a ticket tagged {@code taskId}; a second call creates a second ticket. */
  public Ticket create(String taskId, String summary) throws Exception {
    return world.call(
        this,
        "create",
        () -> {
          Ticket t = new Ticket("T-" + (tickets.size() + 1), taskId, summary);
          tickets.add(t);
          world.effect(this, "ticket " + t.number() + " for " + taskId);
          return t;
        });
  }

  /** The first ticket created with {@code taskId}, if any. */
  public Optional<Ticket> findByTaskId(String taskId) throws Exception {
    return world.call(
        this,
        "findByTaskId",
        () -> tickets.stream().filter(t -> t.taskId().equals(taskId)).findFirst());
  }

  public List<Ticket> tickets() {
    return List.copyOf(tickets);
  }
}
