package dev.railway.amqp;

/** Checks queue, exchange and header names before they reach the broker. */
final class Names {
  private Names() {}

  static String check(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank; was '" + name + "'");
    }
    if (name.length() > 255) {
      throw new IllegalArgumentException(
          what + " must be at most 255 characters (AMQP short string); was " + name.length());
    }
    if (name.startsWith("amq.")) {
      throw new IllegalArgumentException(
          what + " must not start with 'amq.' (reserved by the broker); was '" + name + "'");
    }
    return name;
  }
}
