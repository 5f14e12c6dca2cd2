package dev.railway.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated e-mail API for BlackBoxed tasks: opaque — no key, no lookup, no recall. Every send
 * that acts is one more mail, whether or not its answer arrives.
 */
public final class SimulatedEmailApi implements SimulatedParty {
  private final SimulatedWorld world;
  private final List<String> sent = new ArrayList<>();

  public SimulatedEmailApi(SimulatedWorld world) {
    this.world = world;
    world.register(this);
  }

  @Override
  public String name() {
    return "email";
  }

  /** Sends a mail; returns the message id. */
  public String send(String to, String subject) throws Exception {
    return world.call(
        this,
        "send",
        () -> {
          String id = "msg-" + (sent.size() + 1);
          sent.add(id + " to " + to + ": " + subject);
          world.effect(this, "mail " + id + " to " + to);
          return id;
        });
  }

  /** Every mail sent, in order. */
  public List<String> sent() {
    return List.copyOf(sent);
  }
}
