package dev.railway.amqp;

import java.util.List;

/** Checks a decoded trigger event; lists every problem, each naming the field (empty: valid). */
@FunctionalInterface
public interface TriggerValidation<T> {
  List<String> violations(T trigger);

  static <T> TriggerValidation<T> none() {
    return t -> List.of();
  }
}
