package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.KubernetesVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeadmApiVersionTest {
  @ParameterizedTest
  @CsvSource({
    "v1.27.0, kubeadm.k8s.io/v1beta3",
    "v1.30.14, kubeadm.k8s.io/v1beta3",
    "v1.31.0, kubeadm.k8s.io/v1beta4",
    "v1.33.4, kubeadm.k8s.io/v1beta4",
    "v1.36.0, kubeadm.k8s.io/v1beta4"
  })
  void forVersion_mapsMinorToApiVersion(String version, String expected) {
    KubeadmApiVersion apiVersion = KubeadmApiVersion.forVersion(KubernetesVersion.parse(version));

    assertThat(apiVersion.apiVersion()).isEqualTo(expected);
  }

  @Test
  void forVersion_rejects126() {
    KubernetesVersion version = KubernetesVersion.parse("v1.26.15");

    assertThatThrownBy(() -> KubeadmApiVersion.forVersion(version))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported Kubernetes version 'v1.26.15': kubeadm configuration is rendered for"
                + " v1.27 and later 1.x releases; choose v1.27.0 or newer");
  }

  @Test
  void forVersion_rejectsMajor2() {
    KubernetesVersion version = KubernetesVersion.parse("v2.0.0");

    assertThatThrownBy(() -> KubeadmApiVersion.forVersion(version))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'v2.0.0'");
  }

  @ParameterizedTest
  @CsvSource({
    "v1.26.15, false",
    "v1.27.0, true",
    "v1.31.0, true",
    "v1.40.0, true",
    "v0.27.0, false",
    "v2.0.0, false"
  })
  void isSupported_matchesVersionTable(String version, boolean expected) {
    assertThat(KubeadmApiVersion.isSupported(KubernetesVersion.parse(version))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "v1.26.15, false",
    "v1.33.4, false",
    "v1.35.9, false",
    "v1.36.0, true",
    "v1.40.1, true",
    "v2.0.0, false"
  })
  void isNewerThanChecked_startsAboveNewestCheckedMinor(String version, boolean expected) {
    assertThat(KubeadmApiVersion.isNewerThanChecked(KubernetesVersion.parse(version)))
        .isEqualTo(expected);
  }

  @Test
  void minimumMinor_isFirstRowOfTable() {
    KubernetesVersion lowest =
        KubernetesVersion.parse("v1." + KubeadmApiVersion.MINIMUM_MINOR + ".0");
    KubernetesVersion belowLowest =
        KubernetesVersion.parse("v1." + (KubeadmApiVersion.MINIMUM_MINOR - 1) + ".0");

    assertThat(KubeadmApiVersion.isSupported(lowest)).isTrue();
    assertThat(KubeadmApiVersion.isSupported(belowLowest)).isFalse();
  }

  @Test
  void argsAsList_onlyFromV1beta4() {
    assertThat(KubeadmApiVersion.V1BETA3.argsAsList()).isFalse();
    assertThat(KubeadmApiVersion.V1BETA4.argsAsList()).isTrue();
  }
}
