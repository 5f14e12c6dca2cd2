package dev.railway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProbeEventsTest {
  enum Currency {
    EUR,
    USD
  }

  record Money(BigDecimal amount, Currency currency) {}

  record Everything(
      String text,
      UUID id,
      int count,
      long big,
      double ratio,
      boolean flag,
      Instant at,
      Duration timeout,
      LocalDate day,
      Money price,
      List<String> lines,
      Set<UUID> tags,
      Map<String, Integer> counts,
      Optional<String> note) {}

  sealed interface Shape permits Circle, Polygon {}

  record Circle(double radius) implements Shape {}

  sealed interface Polygon extends Shape permits Square, Triangle {}

  record Square(int side) implements Polygon {}

  record Triangle(int a, int b, int c) implements Polygon {}

  record Holder(Shape shape) {}

  record Recursive(String name, Recursive next) {}

  record WithArray(int[] values) {}

  interface Open {}

  enum Empty {}

  record WithEmptyEnum(Empty value) {}

  @Test
  void buildsRecordsOfCommonValueTypes() {
    List<Object> samples = ProbeEvents.samples(Everything.class);

    assertThat(samples).singleElement().isInstanceOf(Everything.class);
    Everything e = (Everything) samples.getFirst();
    assertThat(e.text()).isEqualTo("probe-text");
    assertThat(e.id()).isNotNull();
    assertThat(e.count()).isEqualTo(1);
    assertThat(e.price().currency()).isEqualTo(Currency.EUR);
    assertThat(e.price().amount()).isNotNull();
    assertThat(e.lines()).isEmpty();
    assertThat(e.tags()).isEmpty();
    assertThat(e.counts()).isEmpty();
    assertThat(e.note()).isEmpty();
    assertThat(e.at()).isNotNull();
    assertThat(e.timeout()).isPositive();
    assertThat(e.day()).isNotNull();
  }

  @Test
  void twoCallsBuildEqualButDistinctEvents() {
    Object first = ProbeEvents.samples(Everything.class).getFirst();
    Object second = ProbeEvents.samples(Everything.class).getFirst();

    assertThat(first).isEqualTo(second).isNotSameAs(second);
  }

  @Test
  void differentComponentsGetDifferentValues() {
    record Pair(String left, String right, UUID a, UUID b) {}

    Pair pair = (Pair) ProbeEvents.samples(Pair.class).getFirst();

    assertThat(pair.left()).isNotEqualTo(pair.right());
    assertThat(pair.a()).isNotEqualTo(pair.b());
  }

  @Test
  void aSealedInterfaceGivesOneSamplePerPermittedRecord() {
    assertThat(ProbeEvents.samples(Shape.class))
        .extracting(Object::getClass)
        .containsExactly(Circle.class, Square.class, Triangle.class);
  }

  @Test
  void aNestedSealedComponentUsesAPermittedRecord() {
    assertThat(ProbeEvents.samples(Holder.class))
        .singleElement()
        .satisfies(h -> assertThat(((Holder) h).shape()).isInstanceOf(Circle.class));
  }

  @Test
  void typesItCannotBuildGiveNoSample() {
    assertThat(ProbeEvents.samples(Recursive.class)).isEmpty();
    assertThat(ProbeEvents.samples(WithArray.class)).isEmpty();
    assertThat(ProbeEvents.samples(Open.class)).isEmpty();
    assertThat(ProbeEvents.samples(WithEmptyEnum.class)).isEmpty();
    assertThat(ProbeEvents.samples(String.class)).isEmpty();
  }
}
