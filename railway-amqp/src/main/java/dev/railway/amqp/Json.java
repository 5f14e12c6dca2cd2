package dev.railway.amqp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mappers of the bindings. */
final class Json {
  private Json() {}

  /**
   * For trigger events: an event stream's producers add fields as their events evolve, so unknown
   * properties are ignored; everything else that is not the trigger type's JSON is refused.
   */
  static ObjectMapper tolerant() {
    return base().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * For ToDo commands: a command is an instruction, so a field the contract does not know, a
   * missing field or a null primitive is refused rather than guessed at.
   */
  static ObjectMapper strict() {
    return base()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
  }

  private static ObjectMapper base() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
  }
}
