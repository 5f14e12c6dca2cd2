package dev.railway.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MermaidIdsTest {
  @Test
  void replacesCharactersMermaidIdsDoNotAllow() {
    assertThat(MermaidIds.sanitize("make-order")).isEqualTo("make_order");
    assertThat(MermaidIds.sanitize("v1.2-retry")).isEqualTo("v1_2_retry");
    assertThat(MermaidIds.sanitize("already_fine")).isEqualTo("already_fine");
  }

  @Test
  void avoidsKeywordsAndTheDiagramsOwnStartAndEnd() {
    assertThat(MermaidIds.sanitize("state")).isEqualTo("state_");
    assertThat(MermaidIds.sanitize("End")).isEqualTo("End_");
    assertThat(MermaidIds.sanitize("classDef")).isEqualTo("classDef_");
    assertThat(MermaidIds.sanitize("root_start")).isEqualTo("_root_start");
    assertThat(MermaidIds.sanitize("state-machine")).isEqualTo("state_machine");
  }

  @Test
  void numbersNamesThatSanitizeAlike() {
    MermaidIds ids = new MermaidIds();

    assertThat(ids.id("k1", "a-b")).isEqualTo("a_b");
    assertThat(ids.id("k2", "a.b")).isEqualTo("a_b_2");
    assertThat(ids.id("k3", "a_b")).isEqualTo("a_b_3");
    assertThat(ids.id("k1", "a-b")).as("stable for the same key").isEqualTo("a_b");
  }
}
