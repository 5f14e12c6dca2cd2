package dev.railway.store;

import java.util.Objects;

/**
 * An event or read model as stored: its Java type name and its JSON form.
 *
 * @param type fully qualified class name
 * @param json JSON representation
 */
public record SerializedEvent(String type, String json) {
  public SerializedEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }
}
