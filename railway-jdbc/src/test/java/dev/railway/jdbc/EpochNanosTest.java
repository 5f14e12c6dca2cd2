package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpochNanosTest {

  @Test
  void instantsRoundTripExactlyAndKeepTheirOrder() {
    long seed = Long.getLong("railway.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    long min = Instant.parse("1677-09-22T00:00:00Z").getEpochSecond();
    long max = Instant.parse("2262-04-10T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 10_000; i++) {
      Instant a = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
      Instant b = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
      String rerun = "rerun with -Drailway.seed=" + seed;
      assertThat(EpochNanos.toInstant(EpochNanos.of(a))).as(rerun).isEqualTo(a);
      assertThat(Long.compare(EpochNanos.of(a), EpochNanos.of(b)))
          .as(rerun)
          .isEqualTo(Integer.signum(a.compareTo(b)));
    }
  }

  @Test
  void instantsJustBeforeTheEpochKeepTheirNanoseconds() {
    Instant before = Instant.EPOCH.minusNanos(1);
    assertThat(EpochNanos.of(before)).isEqualTo(-1);
    assertThat(EpochNanos.toInstant(-1)).isEqualTo(before);
  }

  @Test
  void instantsOutsideTheRangeAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> EpochNanos.of(Instant.MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Instant.MAX.toString())
        .hasMessageContaining("2262-04-11T23:47:16.854775807Z");
    assertThatThrownBy(() -> EpochNanos.of(Instant.parse("1600-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1600-01-01T00:00:00Z");
  }
}
