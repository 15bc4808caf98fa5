package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.validate.Finding;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import io.kubetopology.validate.TopologyValidator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderRulesTest {
  private static ClusterTopology topology(String version) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }

  private static List<Finding> findings(ClusterTopology topology) {
    TopologyValidator.Builder builder = TopologyValidator.builder();
    RenderRules.all().forEach(builder::addRule);
    return builder.build().validate(topology).findings();
  }

  @Test
  void kubernetesVersionNewerThanKnown_warnsAboveCheckedMinor() {
    List<Finding> findings = findings(topology("v1.36.0"));

    assertThat(findings)
        .containsExactly(
            new Finding(
                "KUBERNETES_VERSION_NEWER_THAN_KNOWN",
                Severity.WARNING,
                "kubernetesVersion",
                "Kubernetes version 'v1.36.0' is newer than v1.35, the newest minor whose kubeadm"
                    + " configuration API this renderer was checked against; it writes"
                    + " kubeadm.k8s.io/v1beta4 regardless.",
                "read the kubeadm release notes of v1.36 for configuration API changes before"
                    + " using the bundle, or choose a v1.35 release."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.35.0", "v1.35.99", "v1.27.0"})
  void kubernetesVersionNewerThanKnown_acceptsCheckedMinors(String version) {
    assertThat(findings(topology(version))).isEmpty();
  }

  @Test
  void kubernetesVersionNewerThanKnown_ignoresMajorTwo() {
    assertThat(findings(topology("v2.0.0")))
        .extracting(Finding::ruleId)
        .containsExactly("KUBERNETES_VERSION_UNSUPPORTED");
  }

  @Test
  void guard_runsInjectionAndRequiredRules() {
    assertThat(RenderRules.guard().rules())
        .extracting(Rule::id)
        .containsExactly(
            "VALUE_UNSAFE_FOR_CONFIG",
            "VRRP_PASSWORD_CHARACTERS",
            "VRRP_PASSWORD_TOO_LONG",
            "CONTROL_PLANE_MISSING",
            "VRRP_INTERFACE_MISSING",
            "VIP_OUTSIDE_NODE_SUBNET",
            "KUBERNETES_VERSION_UNSUPPORTED");
  }

  @Test
  void guard_standardValidatorRunsItsRulesAtError() {
    List<Rule> standardRules = TopologyValidator.standard().rules();

    for (String id : RenderRules.GUARD_RULE_IDS) {
      assertThat(standardRules)
          .as(id)
          .filteredOn(rule -> rule.id().equals(id))
          .extracting(Rule::defaultSeverity)
          .containsExactly(Severity.ERROR);
    }
  }

  @Test
  void guard_passesReferenceTopology() {
    assertThat(RenderRules.guard().validate(topology("v1.33.4")).findings()).isEmpty();
  }
}
