package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesVersionTest {

  @Test
  void parse_readsParts() {
    KubernetesVersion version = KubernetesVersion.parse("v1.33.4");

    assertThat(version.major()).isEqualTo(1);
    assertThat(version.minor()).isEqualTo(33);
    assertThat(version.patch()).isEqualTo(4);
  }

  @Test
  void parse_makesVPrefixOptional() {
    KubernetesVersion withPrefix = KubernetesVersion.parse("v1.33.4");
    KubernetesVersion withoutPrefix = KubernetesVersion.parse("1.33.4");

    assertThat(withoutPrefix).isEqualTo(withPrefix);
    assertThat(withoutPrefix.hashCode()).isEqualTo(withPrefix.hashCode());
    assertThat(withoutPrefix.toString()).isEqualTo("v1.33.4");
  }

  @Test
  void parse_acceptsZeroParts() {
    assertThat(KubernetesVersion.parse("v1.0.0").toString()).isEqualTo("v1.0.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.33",
        "v1.33",
        "v1.33.4-rc.0",
        "v1.33.4+build.1",
        "V1.33.4",
        "vv1.33.4",
        "v01.33.4",
        "v1.033.4",
        "v1.33.04",
        "v1.33.4.1",
        " v1.33.4",
        ""
      })
  void parse_rejectsNonRelease(String text) {
    assertThatThrownBy(() -> KubernetesVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid Kubernetes version '"
                + text
                + "': expected vMAJOR.MINOR.PATCH such as v1.33.4");
  }

  @Test
  void compareTo_ordersNumerically() {
    List<KubernetesVersion> versions =
        new ArrayList<>(
            List.of(
                KubernetesVersion.parse("v2.0.0"),
                KubernetesVersion.parse("v1.33.10"),
                KubernetesVersion.parse("v1.9.0"),
                KubernetesVersion.parse("v1.33.4"),
                KubernetesVersion.parse("v1.10.0")));

    Collections.sort(versions);

    assertThat(versions)
        .extracting(KubernetesVersion::toString)
        .containsExactly("v1.9.0", "v1.10.0", "v1.33.4", "v1.33.10", "v2.0.0");
  }

  @Test
  void compareTo_isZeroOnlyForEqualVersions() {
    assertThat(KubernetesVersion.parse("1.33.4").compareTo(KubernetesVersion.parse("v1.33.4")))
        .isZero();
    assertThat(KubernetesVersion.parse("v1.33.4").compareTo(KubernetesVersion.parse("v1.33.5")))
        .isNegative();
    assertThat(KubernetesVersion.parse("v1.34.0").compareTo(KubernetesVersion.parse("v1.33.9")))
        .isPositive();
  }
}
