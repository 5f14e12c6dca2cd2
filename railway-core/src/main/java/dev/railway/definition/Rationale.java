package dev.railway.definition;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Why a BlackBoxed task's {@link Compromise} was chosen, as data a review can read: the paper's
 * four business concerns (visibility, necessity, concern, risks) and the team's own reason in
 * words. Attach it with {@link Compromise#because(Rationale)}; the validator requires one for every
 * BlackBoxed task and warns about risky combinations ({@link CompromiseWarning}).
 *
 * @param risks the kinds of consequence, possibly several, possibly none; kept in the enum's order
 * @param reason the team's reason in a sentence, for business readers
 * @param acknowledged warnings the team accepts, each with why; kept in the enum's order
 */
public record Rationale(
    Visibility visibility,
    Necessity necessity,
    Concern concern,
    Set<Risk> risks,
    String reason,
    Map<CompromiseWarning, String> acknowledged) {

  public Rationale {
    Checks.notNull(visibility, "visibility of a rationale");
    Checks.notNull(necessity, "necessity of a rationale");
    Checks.notNull(concern, "concern of a rationale");
    Checks.notNull(risks, "risks of a rationale (an empty set when there is none)");
    // Set.of(...).contains(null) throws, so look at each element.
    for (Risk risk : risks) {
      Checks.notNull(risk, "a risk of a rationale");
    }
    risks =
        Collections.unmodifiableSet(
            risks.isEmpty() ? EnumSet.noneOf(Risk.class) : EnumSet.copyOf(risks));
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "the reason of a rationale must say why in words; was '" + reason + "'");
    }
    Checks.notNull(acknowledged, "acknowledged warnings of a rationale");
    EnumMap<CompromiseWarning, String> copy = new EnumMap<>(CompromiseWarning.class);
    acknowledged.forEach((warning, why) -> {
      Checks.notNull(warning, "acknowledged warning");
      if (why == null || why.isBlank()) {
        throw new IllegalArgumentException(
            "acknowledging " + warning + " needs a reason in words; was '" + why + "'");
      }
      copy.put(warning, why);
    });
    acknowledged = Collections.unmodifiableMap(copy);
  }

  /** A rationale that acknowledges no warning. */
  public Rationale(
      Visibility visibility, Necessity necessity, Concern concern, Set<Risk> risks, String reason) {
    this(visibility, necessity, concern, risks, reason, Map.of());
  }

  /** This rationale, also accepting {@code warning} for the reason {@code why}. */
  public Rationale acknowledging(CompromiseWarning warning, String why) {
    Checks.notNull(warning, "acknowledged warning");
    EnumMap<CompromiseWarning, String> more = new EnumMap<>(CompromiseWarning.class);
    more.putAll(acknowledged);
    more.put(warning, why);
    return new Rationale(visibility, necessity, concern, risks, reason, more);
  }
}
