package io.kubetopology.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import org.junit.jupiter.api.Test;

/**
 * Runs on the class path only, in its own surefire execution: there {@link java.util.ServiceLoader}
 * reads the {@code META-INF/services} file of the test resources.
 */
class ServiceLoaderClassPathTest {
  private static ClusterTopology topology(String name) {
    return ClusterTopology.builder()
        .name(name)
        .kubernetesVersion("v1.33.4")
        .addNodes(Node.controlPlane("cp-1", "10.0.0.11/24"))
        .build();
  }

  @Test
  void classPath_runsUnnamedModule() {
    assertThat(Rule.class.getModule().isNamed()).isFalse();
  }

  @Test
  void addServiceLoadedRules_addsListedProvider() {
    TopologyValidator validator = TopologyValidator.builder().addServiceLoadedRules().build();

    assertThat(validator.rules()).extracting(Rule::id).containsExactly(ClusterNamePrefixRule.ID);
    assertThat(validator.rules().get(0)).isInstanceOf(ClusterNamePrefixRule.class);
  }

  @Test
  void addServiceLoadedRules_providerReportsFindings() {
    TopologyValidator validator = TopologyValidator.builder().addServiceLoadedRules().build();

    ValidationReport report = validator.validate(topology("dev"));

    assertThat(report.findings())
        .containsExactly(
            new Finding(
                ClusterNamePrefixRule.ID,
                Severity.WARNING,
                "name",
                "cluster name 'dev' lacks the site prefix pay-.",
                "rename the cluster to pay-dev."));
  }

  @Test
  void addServiceLoadedRules_providerPassesPrefixedName() {
    TopologyValidator validator = TopologyValidator.builder().addServiceLoadedRules().build();

    assertThat(validator.validate(topology("pay-dev")).findings()).isEmpty();
  }

  @Test
  void addServiceLoadedRules_providerSuppressible() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addServiceLoadedRules()
            .suppress(ClusterNamePrefixRule.ID, "name", "the lab cluster keeps its short name")
            .build();

    assertThat(validator.validate(topology("dev")).findings()).isEmpty();
  }
}
