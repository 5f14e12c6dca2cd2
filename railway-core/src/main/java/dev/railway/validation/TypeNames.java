package dev.railway.validation;

/** How event types are named in problems: the simple name users wrote in their definition. */
final class TypeNames {
  private TypeNames() {}

  static String of(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple;
  }
}
