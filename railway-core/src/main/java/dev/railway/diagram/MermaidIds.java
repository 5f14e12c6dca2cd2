package dev.railway.diagram;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives every task and outcome a unique, valid {@code stateDiagram-v2} id: {@code make-order}
 * becomes {@code make_order}. Mermaid ids allow no hyphens or dots, some words are keywords, and
 * {@code root_*} ids clash with the diagram's own start and end states.
 */
final class MermaidIds {
  private static final Set<String> KEYWORDS =
      Set.of(
          "state",
          "note",
          "class",
          "classdef",
          "style",
          "default",
          "click",
          "href",
          "end",
          "direction");

  private final Set<String> used = new HashSet<>();
  private final Map<Object, String> assigned = new HashMap<>();

  /** The id of {@code key}, allocated from {@code name} on first use and stable afterwards. */
  String id(Object key, String name) {
    return assigned.computeIfAbsent(key, k -> allocate(name));
  }

  static String sanitize(String name) {
    String id = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (id.isEmpty()) {
      id = "_";
    }
    if (KEYWORDS.contains(id.toLowerCase(Locale.ROOT))) {
      id = id + "_";
    }
    if (id.startsWith("root_")) {
      id = "_" + id;
    }
    return id;
  }

  private String allocate(String name) {
    String base = sanitize(name);
    String id = base;
    // Distinct names can sanitize alike (a-b, a.b, a_b): number the later ones.
    for (int n = 2; !used.add(id); n++) {
      id = base + "_" + n;
    }
    return id;
  }
}
