package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every kubeadm and kubelet document of the test topologies' bundles against the strict
 * JSON Schema of its API version, and proves that the schemas reject what kubeadm rejects.
 */
class KubeadmSchemaTest {
  /** A topology under test, named for the test report. */
  record Case(String name, ClusterTopology topology) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("stacked HA 1.33", TestTopologies.stackedHa()),
        new Case("stacked HA 1.30", TestTopologies.stackedHa("v1.30.5")),
        new Case("stacked HA 1.27", TestTopologies.stackedHa("v1.27.16")),
        new Case("external etcd 1.33", TestTopologies.externalEtcd()),
        new Case("external etcd 1.30", TestTopologies.externalEtcd("v1.30.5")),
        new Case("external etcd IPv6", TestTopologies.externalEtcdIpv6()),
        new Case("pinned cluster CA 1.33", withClusterCa(TestTopologies.stackedHa())),
        new Case("pinned cluster CA 1.30", withClusterCa(TestTopologies.stackedHa("v1.30.5"))),
        new Case("dual-stack 1.33", withDualStack(TestTopologies.stackedHa())),
        new Case("dual-stack 1.30", withDualStack(TestTopologies.stackedHa("v1.30.5"))));
  }

  /** Adds IPv6 pod and service subnets and a node mask that the controller manager flags. */
  private static ClusterTopology withDualStack(ClusterTopology topology) {
    Networking dualStack =
        Networking.builder()
            .podSubnet("10.244.0.0/16")
            .podSubnet("fd00:10:244::/56")
            .serviceSubnet("10.96.0.0/12")
            .serviceSubnet("fd00:10:96::/108")
            .nodeCidrMaskSizeIpv4(25)
            .build();
    return topology.withNetworking(dualStack);
  }

  private static ClusterTopology withClusterCa(ClusterTopology topology) {
    ClusterSecrets secrets = topology.secrets().withClusterCa(TestCas.rsaCa());
    return topology.withSecrets(secrets);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyDocument_matchesItsSchema(Case testCase) {
    Bundle bundle = BundleRenderer.standard().render(testCase.topology());
    List<BundleFile> checked =
        bundle.files().stream().filter(KubeadmSchemaTest::hasSchema).toList();

    assertThat(checked).as("files with a schema").isNotEmpty();
    for (BundleFile file : checked) {
      assertThat(KubeadmSchemas.violations(file.text())).as(file.path()).isEmpty();
    }
  }

  /** Returns true for the kubeadm configuration and an etcd host's KubeletConfiguration. */
  static boolean hasSchema(BundleFile file) {
    return file.path().endsWith("/etc/kubernetes/kubeadm-config.yaml")
        || file.path().endsWith("/kubelet.service.d/kubelet.conf");
  }

  @Test
  void schema_rejectsUnknownField() {
    String join =
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: JoinConfiguration
        discovery:
          bootstrapToken:
            token: abcdef.0123456789abcdef
            apiServerEndpoint: 10.0.0.100:8443
            unsafeSkipCAVerification: true
        nodeRegistration:
          name: worker-1
          nodeIP: 10.0.0.21
        """;

    List<String> violations = KubeadmSchemas.violations(join);

    assertThat(violations)
        .containsExactly(
            "JoinConfiguration: /nodeRegistration: property 'nodeIP' is not defined in the schema"
                + " and the schema does not allow additional properties");
  }

  @Test
  void schema_rejectsUnknownTopLevelField() {
    String init =
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        timeoutForControlPlane: 4m0s
        """;

    List<String> violations = KubeadmSchemas.violations(init);

    assertThat(violations)
        .containsExactly(
            "InitConfiguration: : property 'timeoutForControlPlane' is not defined in the schema"
                + " and the schema does not allow additional properties");
  }

  @Test
  void schema_rejectsMapExtraArgsInV1beta4() {
    String init =
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        nodeRegistration:
          name: cp-1
          kubeletExtraArgs:
            node-ip: 10.0.0.11
        """;

    List<String> violations = KubeadmSchemas.violations(init);

    assertThat(violations)
        .containsExactly(
            "InitConfiguration: /nodeRegistration/kubeletExtraArgs: object found, array expected");
  }

  @Test
  void schema_rejectsListExtraArgsInV1beta3() {
    String init =
        """
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: InitConfiguration
        nodeRegistration:
          name: cp-1
          kubeletExtraArgs:
            - name: node-ip
              value: 10.0.0.11
        """;

    List<String> violations = KubeadmSchemas.violations(init);

    assertThat(violations)
        .containsExactly(
            "InitConfiguration: /nodeRegistration/kubeletExtraArgs: array found, object expected");
  }

  @Test
  void schema_rejectsV1beta4TimeoutsInV1beta3() {
    String join =
        """
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: JoinConfiguration
        discovery:
          bootstrapToken:
            token: abcdef.0123456789abcdef
            unsafeSkipCAVerification: true
        timeouts:
          discovery: 5m0s
        """;

    assertThat(KubeadmSchemas.violations(join))
        .containsExactly(
            "JoinConfiguration: : property 'timeouts' is not defined in the schema and the schema"
                + " does not allow additional properties");
  }

  @Test
  void schema_rejectsJoinWithoutCaPinOrSkip() {
    String join =
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: JoinConfiguration
        discovery:
          bootstrapToken:
            token: abcdef.0123456789abcdef
            apiServerEndpoint: 10.0.0.100:8443
        """;

    assertThat(KubeadmSchemas.violations(join))
        .containsExactly(
            "JoinConfiguration: /discovery/bootstrapToken: required property 'caCertHashes' not"
                + " found",
            "JoinConfiguration: /discovery/bootstrapToken: required property"
                + " 'unsafeSkipCAVerification' not found");
  }

  @Test
  void schema_rejectsLocalAndExternalEtcdTogether() {
    String cluster =
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        etcd:
          local:
            dataDir: /var/lib/etcd
          external:
            endpoints:
              - https://10.0.1.11:2379
        """;

    assertThat(KubeadmSchemas.violations(cluster))
        .containsExactly("ClusterConfiguration: /etcd: must have at most 1 properties");
  }

  @Test
  void schema_rejectsUnknownKubeletField() {
    String kubelet =
        """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        podManifestPath: /etc/kubernetes/manifests
        """;

    List<String> violations = KubeadmSchemas.violations(kubelet);

    assertThat(violations)
        .containsExactly(
            "KubeletConfiguration: : property 'podManifestPath' is not defined in the schema and"
                + " the schema does not allow additional properties");
  }
}
