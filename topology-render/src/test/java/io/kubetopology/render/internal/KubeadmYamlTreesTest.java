package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.render.internal.KubeadmModel.Arg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeadmYamlTreesTest {
  private static final List<Arg> UNSORTED =
      List.of(
          new Arg("node-labels", "zone=b"),
          new Arg("feature-gates", "B=true"),
          new Arg("node-ip", "10.0.0.11"),
          new Arg("feature-gates", "A=true"));

  @Test
  void extraArgs_v1beta4SortsByNameThenValue() {
    Object args = KubeadmYamlTrees.extraArgs(UNSORTED, KubeadmApiVersion.V1BETA4);

    assertThat(args)
        .isEqualTo(
            List.of(
                Map.of("name", "feature-gates", "value", "A=true"),
                Map.of("name", "feature-gates", "value", "B=true"),
                Map.of("name", "node-ip", "value", "10.0.0.11"),
                Map.of("name", "node-labels", "value", "zone=b")));
  }

  @Test
  void extraArgs_v1beta4WritesNameBeforeValue() {
    Object args =
        KubeadmYamlTrees.extraArgs(
            List.of(new Arg("node-ip", "10.0.0.11")), KubeadmApiVersion.V1BETA4);

    assertThat(Yaml.write(Map.of("extraArgs", args)))
        .isEqualTo("extraArgs:\n  - name: node-ip\n    value: 10.0.0.11\n");
  }

  @Test
  void extraArgs_v1beta3WritesMapSortedByName() {
    List<Arg> args =
        List.of(
            new Arg("node-labels", "zone=b"),
            new Arg("node-ip", "10.0.0.11"),
            new Arg("cgroup-driver", "systemd"));

    Object tree = KubeadmYamlTrees.extraArgs(args, KubeadmApiVersion.V1BETA3);

    assertThat(tree).isInstanceOf(Map.class);
    assertThat(List.copyOf(((Map<?, ?>) tree).keySet()))
        .isEqualTo(List.of("cgroup-driver", "node-ip", "node-labels"));
    assertThat(tree)
        .isEqualTo(
            Map.of("cgroup-driver", "systemd", "node-ip", "10.0.0.11", "node-labels", "zone=b"));
  }

  @Test
  void extraArgs_v1beta3RejectsRepeatedName() {
    assertThatThrownBy(() -> KubeadmYamlTrees.extraArgs(UNSORTED, KubeadmApiVersion.V1BETA3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "extra argument 'feature-gates' is given more than once, but kubeadm.k8s.io/v1beta3"
                + " stores extra arguments as a map with one value per name: give it once, or"
                + " target Kubernetes v1.31 or later, whose kubeadm API accepts repeated flags");
  }

  @Test
  void extraArgs_emptyListStaysEmpty() {
    assertThat(KubeadmYamlTrees.extraArgs(List.of(), KubeadmApiVersion.V1BETA4))
        .isEqualTo(List.of());
    assertThat(KubeadmYamlTrees.extraArgs(List.of(), KubeadmApiVersion.V1BETA3))
        .isEqualTo(Map.of());
  }
}
