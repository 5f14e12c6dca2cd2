package dev.railway.validation;

import dev.railway.definition.Compromise;
import dev.railway.definition.CompromiseWarning;
import dev.railway.definition.Integration;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Visibility;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The paper's checklist for black-boxed tasks, turned into warnings: a compromise whose rationale
 * says it risks what the paper's own examples avoid. Each rule is named after one of them:
 *
 * <ul>
 *   <li>{@link CompromiseWarning#SILENT_LOSS}: AtMostOnce suits a welcome e-mail (nice to have),
 *       not a step that must happen and whose failure is invisible; the paper asks a person to
 *       follow up a data-deletion confirmation that may not have been sent.
 *   <li>{@link CompromiseWarning#UNBOUNDED_COSTLY_DUPLICATES}: AtLeastOnce suits blocking a hostile
 *       user (a second block costs nothing), not a step whose duplicates cost money or expose data;
 *       the paper bounds an SMS verification code with UpTo(n) because the costs pile up.
 *   <li>{@link CompromiseWarning#REPEATED_EXPOSURE}: bounding retries bounds a cost, but one
 *       duplicate already exposes data.
 *   <li>{@link CompromiseWarning#DISPROPORTIONATE_EFFORT}: a person's time, or unbounded retries,
 *       for a step that is only nice to have; the paper gives up on a welcome e-mail.
 * </ul>
 *
 * A warning the rationale acknowledges is reported with the team's reason; an acknowledgement of a
 * warning that does not apply is reported too, so that stale acceptances do not linger.
 */
final class RiskyCompromises {
  static final String STALE = "STALE_ACKNOWLEDGEMENT";

  private RiskyCompromises() {}

  static void check(Task<?> task, List<Warning> out) {
    if (!(task instanceof StateTask<?, ?> state)
        || !(state.integration() instanceof Integration.BlackBoxed<?, ?> blackBoxed)
        || blackBoxed.compromise() == null
        || blackBoxed.compromise().rationale() == null) {
      return;
    }
    Compromise compromise = blackBoxed.compromise();
    Rationale why = compromise.rationale();
    Map<CompromiseWarning, Warning> found = new EnumMap<>(CompromiseWarning.class);
    String name = task.name();
    Set<Risk> costly =
        why.risks().stream()
            .filter(r -> r == Risk.ECONOMIC_LOSS || r == Risk.DATA_BREACH)
            .collect(Collectors.toSet());
    if (compromise instanceof Compromise.AtMostOnce
        && why.necessity() == Necessity.MUST_HAPPEN
        && why.visibility() == Visibility.INVISIBLE) {
      found.put(
          CompromiseWarning.SILENT_LOSS,
          warning(
              CompromiseWarning.SILENT_LOSS,
              name,
              "task '"
                  + name
                  + "' must happen and its failure is invisible, yet AtMostOnce gives up silently on"
                  + " a possible failure: nobody would ever learn that it did not happen",
              "HumanReview, so that a person follows it up (as the paper does for a data-deletion"
                  + " confirmation), or UpTo(n)/AtLeastOnce if doing it twice is harmless"));
    }
    if (compromise instanceof Compromise.AtLeastOnce && !costly.isEmpty()) {
      found.put(
          CompromiseWarning.UNBOUNDED_COSTLY_DUPLICATES,
          warning(
              CompromiseWarning.UNBOUNDED_COSTLY_DUPLICATES,
              name,
              "AtLeastOnce retries task '"
                  + name
                  + "' without bound on a possible failure, so it may happen many times, and its"
                  + " risks include "
                  + labels(costly)
                  + ": every duplicate may "
                  + consequence(costly),
              "UpTo(n) to bound the cost (as the paper does for an SMS verification code), or"
                  + " HumanReview"));
    }
    if (compromise instanceof Compromise.UpTo upTo && costly.contains(Risk.DATA_BREACH)) {
      found.put(
          CompromiseWarning.REPEATED_EXPOSURE,
          warning(
              CompromiseWarning.REPEATED_EXPOSURE,
              name,
              "UpTo("
                  + upTo.n()
                  + ") may do task '"
                  + name
                  + "' up to "
                  + (upTo.n() + 1)
                  + " times, and its risks include a data breach: a single duplicate may already"
                  + " expose the data again",
              "HumanReview, or AtMostOnce if not doing it at all is acceptable"));
    }
    if (why.necessity() == Necessity.NICE_TO_HAVE
        && (compromise instanceof Compromise.HumanReview
            || compromise instanceof Compromise.AtLeastOnce)) {
      String effort =
          compromise instanceof Compromise.HumanReview review
              ? "every possible failure asks a person (ToDo '" + review.todoTask() + "')"
              : "AtLeastOnce retries it without bound, accepting duplicates";
      found.put(
          CompromiseWarning.DISPROPORTIONATE_EFFORT,
          warning(
              CompromiseWarning.DISPROPORTIONATE_EFFORT,
              name,
              "task '" + name + "' is only nice to have, yet " + effort,
              "AtMostOnce: give up on a possible failure (as the paper does for a welcome"
                  + " e-mail)"));
    }
    found.forEach((kind, warning) -> {
      String because = why.acknowledged().get(kind);
      out.add(
          because == null
              ? warning
              : new Warning(
                  warning.rule(),
                  warning.task(),
                  warning.message(),
                  warning.suggestion(),
                  because));
    });
    for (CompromiseWarning acknowledged : why.acknowledged().keySet()) {
      if (!found.containsKey(acknowledged)) {
        out.add(
            new Warning(
                STALE,
                name,
                "task '"
                    + name
                    + "' acknowledges "
                    + acknowledged
                    + " ("
                    + acknowledged.title()
                    + "), which does not apply to its "
                    + compromise.describe()
                    + " compromise and its concerns",
                "remove the acknowledgement: the risk it accepted is not there, or the concerns"
                    + " no longer say what the team meant",
                null));
      }
    }
  }

  private static Warning warning(
      CompromiseWarning kind, String task, String message, String suggestion) {
    return new Warning(kind.name(), task, kind.title() + ": " + message, suggestion, null);
  }

  private static String labels(Set<Risk> risks) {
    return risks.stream().sorted().map(Risk::label).collect(Collectors.joining(" and "));
  }

  private static String consequence(Set<Risk> risks) {
    return risks.stream()
        .sorted()
        .map(r -> r == Risk.ECONOMIC_LOSS ? "cost money again" : "expose data again")
        .collect(Collectors.joining(" and "));
  }
}
