package dev.railway.console;

import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.diagram.MermaidDiagram;
import dev.railway.store.EdgeCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workflow's diagram exactly as {@link MermaidDiagram} draws it, annotated with live counts: each
 * task's label gains how many instances wait in it now, each edge's label how many decisions went
 * down it in the window. Text on the outcome orange and the lightest olive is drawn black instead
 * of white, so that it keeps a readable contrast; the fills stay the paper's.
 *
 * @param mermaid the annotated Mermaid text
 * @param taskIds the Mermaid id of each task, by task name (the page makes the boxes clickable)
 */
record CountedDiagram(String mermaid, Map<String, String> taskIds) {
  private static final Pattern STATE = Pattern.compile("^(\\s*)state \"([^\"]*)\" as (\\w+)$");
  private static final Pattern EDGE = Pattern.compile("^(\\s*)(\\w+) --> (\\w+) : (.*)$");

  static CountedDiagram of(Workflow<?> workflow, Map<String, Long> waiting, List<EdgeCount> edges) {
    Map<String, Long> byEdge = new HashMap<>();
    for (EdgeCount e : edges) {
      byEdge.merge(e.taskName() + "\n" + edgeLabel(e), e.count(), Long::sum);
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Task<?> t : workflow.tasks()) {
      names.add(t.name());
    }
    Map<String, String> taskIds = new LinkedHashMap<>();
    Map<String, String> namesById = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (String line : MermaidDiagram.render(workflow).split("\n")) {
      Matcher state = STATE.matcher(line);
      Matcher edge = EDGE.matcher(line);
      if (state.matches()) {
        String label = state.group(2);
        int br = label.indexOf("<br/>");
        String name = br < 0 ? label : label.substring(0, br);
        if (names.contains(name) && !taskIds.containsKey(name)) {
          taskIds.put(name, state.group(3));
          namesById.put(state.group(3), name);
          long now = waiting.getOrDefault(name, 0L);
          line =
              state.group(1) + "state \"" + label + "<br/>● " + now + " now\" as " + state.group(3);
        }
      } else if (edge.matches() && namesById.containsKey(edge.group(2))) {
        String task = namesById.get(edge.group(2));
        long n = byEdge.getOrDefault(task + "\n" + edge.group(4), 0L);
        line = line + " (" + n + ")";
      } else if (line.strip().startsWith("classDef outcome ")
          || line.strip().startsWith("classDef trivial ")) {
        line = line.replace("color:#ffffff", "color:#000000");
      }
      out.add(line);
    }
    return new CountedDiagram(String.join("\n", out) + "\n", taskIds);
  }

  /** The label the diagram gives this edge: the event's simple name, marked by its cause. */
  static String edgeLabel(EdgeCount e) {
    String name = Html.simple(e.eventType());
    return switch (e.cause()) {
      case "FAULT" -> "⚠ fault: " + name;
      case "EXPIRY" -> "⏰ expired: " + name;
      case "POSSIBLE_FAILURE" -> "❓ possible failure: " + name;
      default -> name;
    };
  }
}
