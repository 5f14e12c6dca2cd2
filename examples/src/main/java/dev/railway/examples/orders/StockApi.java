package dev.railway.examples.orders;

import java.util.List;
import java.util.Optional;

/**
 * The stock service: a two-step API. A hold reserves units for a while and can be released; a
 * confirmed hold becomes a reservation. Holds are tagged with the task identifier, so they can be
 * listed per task.
 */
public interface StockApi {

  /** Places a hold tagged {@code taskId} on what is available of {@code lines}. */
  Hold hold(String taskId, List<OrderLine> lines) throws Exception;

  /** The live holds tagged {@code taskId}, oldest first. */
  List<Hold> holds(String taskId) throws Exception;

  /** The reservation confirmed for {@code taskId}, if any hold tagged with it was confirmed. */
  Optional<Reservation> confirmed(String taskId) throws Exception;

  /** Turns the hold into a reservation. */
  Reservation confirm(Hold hold) throws Exception;

  /** Releases a hold that will not be confirmed. */
  void release(Hold hold) throws Exception;

  /**
   * A hold on stock.
   *
   * @param holdId the stock service's id for it
   * @param taskId the task identifier it is tagged with
   * @param available the lines (or parts of lines) that could be held
   * @param missing the lines that could not
   */
  record Hold(String holdId, String taskId, List<OrderLine> available, List<OrderLine> missing) {
    public Hold {
      available = List.copyOf(available);
      missing = List.copyOf(missing);
    }
  }

  /** A confirmed hold. */
  record Reservation(String holdId, List<OrderLine> reserved, List<OrderLine> missing) {
    public Reservation {
      reserved = List.copyOf(reserved);
      missing = List.copyOf(missing);
    }
  }
}
