package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toString_hidesValue() {
    Secret secret = Secret.of("k33pal1v");

    assertThat(secret.toString()).isEqualTo("Secret[redacted]");
    assertThat(secret.toString()).doesNotContain("k33pal1v");
  }

  @Test
  void reveal_returnsValue() {
    assertThat(Secret.of("abcdef.0123456789abcdef").reveal()).isEqualTo("abcdef.0123456789abcdef");
  }

  @Test
  void length_countsCharacters() {
    assertThat(Secret.of("k33pal1ve").length()).isEqualTo(9);
  }

  @Test
  void equals_comparesValues() {
    assertThat(Secret.of("k33pal1v")).isEqualTo(Secret.of("k33pal1v"));
    assertThat(Secret.of("k33pal1v").hashCode()).isEqualTo(Secret.of("k33pal1v").hashCode());
    assertThat(Secret.of("k33pal1v")).isNotEqualTo(Secret.of("k33pal1w"));
    assertThat(Secret.of("k33pal1v")).isNotEqualTo(Secret.of("k33pal1v0"));
  }

  @Test
  void equals_rejectsOtherTypes() {
    assertThat(Secret.of("k33pal1v")).isNotEqualTo("k33pal1v");
  }

  @Test
  void of_rejectsEmpty() {
    assertThatThrownBy(() -> Secret.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a secret must not be empty");
  }
}
