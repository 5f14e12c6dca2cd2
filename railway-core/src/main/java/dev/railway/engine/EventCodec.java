package dev.railway.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.railway.store.SerializedEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializes events and read models for the store as JSON. Only types that the registered workflows
 * declare can be read back: a type name in the store never loads an arbitrary class.
 */
final class EventCodec {
  // Jackson's default buffer pool keeps one set of buffers (~8 KB) per thread. Every attempt runs
  // on
  // its own virtual thread, so 100,000 waiting attempts held 600 MB of buffers (measured with
  // `railway bench --scenario fanout --workflows 100000`); a pool shared by all threads holds only
  // as many as are in use at once.
  private final ObjectMapper mapper =
      new ObjectMapper(
              JsonFactory.builder()
                  .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                  .build())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Map<String, Class<?>> known = new ConcurrentHashMap<>();

  void register(Class<?> type) {
    known.put(type.getName(), type);
  }

  SerializedEvent encode(Object value) {
    try {
      return new SerializedEvent(value.getClass().getName(), mapper.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot serialize " + value.getClass().getName() + " to JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  Object decode(SerializedEvent stored) {
    Class<?> type = known.get(stored.type());
    if (type == null) {
      throw new IllegalStateException(
          "stored type "
              + stored.type()
              + " is not declared by any registered workflow; register the workflow version that"
              + " wrote it");
    }
    try {
      return mapper.readValue(stored.json(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read stored " + stored.type() + " from JSON: " + e.getOriginalMessage(), e);
    }
  }
}
