package dev.railway.examples.orders;

import java.lang.reflect.Proxy;

/**
 * A third party that is not there: every call fails, saying so. Lets the examples be built for
 * {@code validate} and {@code diagram}, which never call a third party.
 */
final class NotConnected {
  static final String MESSAGE =
      "not connected: this example is for validate/diagram; run ./railway demo to execute it";

  private NotConnected() {}

  static <T> T proxy(Class<T> api) {
    Object proxy =
        Proxy.newProxyInstance(
            api.getClassLoader(),
            new Class<?>[] {api},
            (self, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "not connected " + api.getSimpleName();
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  default ->
                      throw new IllegalStateException(
                          api.getSimpleName() + "." + method.getName() + ": " + MESSAGE);
                });
    return api.cast(proxy);
  }
}
