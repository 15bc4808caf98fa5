package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.validate.Finding;
import io.kubetopology.validate.TopologyValidator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Switches one topology between the six ways to reach the apiservers by changing only its
 * apiEndpoint, and checks what each renders on a control plane, a worker and a load-balancer host.
 */
class ApiEndpointVariantsTest {
  private static final String KUBEADM = "/etc/kubernetes/kubeadm-config.yaml";
  private static final String HAPROXY_POD = "/etc/kubernetes/manifests/haproxy.yaml";
  private static final String KEEPALIVED_POD = "/etc/kubernetes/manifests/keepalived.yaml";
  private static final String KUBE_VIP_POD = "/etc/kubernetes/manifests/kube-vip.yaml";
  private static final String HAPROXY_CFG = "/etc/haproxy/haproxy.cfg";
  private static final String KEEPALIVED_CONF = "/etc/keepalived/keepalived.conf";
  private static final String CHECK_SCRIPT = "/etc/keepalived/check_apiserver.sh";
  private static final String SYSCTL = "/etc/sysctl.d/60-apiserver-vip.conf";
  private static final String DIR_AVAILABLE = "DirAvailable--etc-kubernetes-manifests";

  /**
   * What one variant renders: the files of cp-2, worker-1 and lb-1, the endpoint, and whether the
   * joins of cp-2 and worker-1 skip the empty manifests directory check.
   */
  record Expected(
      String name,
      String endpoint,
      List<String> controlPlaneFiles,
      List<String> workerFiles,
      List<String> loadBalancerHostFiles,
      boolean controlPlaneJoinSkipsCheck,
      boolean workerJoinSkipsCheck) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Expected> expectations() {
    return Stream.of(
        new Expected(
            "static pods",
            "10.0.0.100:8443",
            List.of(
                HAPROXY_CFG, CHECK_SCRIPT, KEEPALIVED_CONF, KUBEADM, HAPROXY_POD, KEEPALIVED_POD),
            List.of(KUBEADM),
            List.of(),
            true,
            false),
        new Expected(
            "os services",
            "10.0.0.100:8443",
            List.of(HAPROXY_CFG, CHECK_SCRIPT, KEEPALIVED_CONF, KUBEADM),
            List.of(KUBEADM),
            List.of(),
            false,
            false),
        new Expected(
            "load-balancer hosts",
            "10.0.0.100:6443",
            List.of(KUBEADM),
            List.of(KUBEADM),
            List.of(HAPROXY_CFG, CHECK_SCRIPT, KEEPALIVED_CONF, SYSCTL),
            false,
            false),
        new Expected(
            "kube-vip",
            "10.0.0.100:6443",
            List.of(KUBEADM, KUBE_VIP_POD),
            List.of(KUBEADM),
            List.of(),
            true,
            false),
        new Expected(
            "external load balancer",
            "api.variants.example.com:6443",
            List.of(KUBEADM),
            List.of(KUBEADM),
            List.of(),
            false,
            false),
        new Expected(
            "worker local proxy",
            "api.variants.example.com:6443",
            List.of(KUBEADM),
            List.of(HAPROXY_CFG, KUBEADM, HAPROXY_POD),
            List.of(),
            false,
            true));
  }

  private static ClusterTopology variant(String name) {
    ApiEndpointAccess access = TestTopologies.variants(false).get(name);
    return TestTopologies.variantBase(false).withApiEndpoint(access);
  }

  @Test
  void variants_differOnlyInApiEndpoint() {
    ClusterTopology base = TestTopologies.variantBase(false);

    for (String name : TestTopologies.variants(false).keySet()) {
      ClusterTopology topology = variant(name);

      assertThat(topology.withApiEndpoint(base.apiEndpoint())).as(name).isEqualTo(base);
    }
    assertThat(expectations().map(Expected::name))
        .containsExactlyElementsOf(TestTopologies.variants(false).keySet());
  }

  @Test
  void validate_reportsUnusedHostsElsewhere() {
    for (String name : TestTopologies.variants(false).keySet()) {
      List<Finding> findings = TopologyValidator.standard().validate(variant(name)).findings();

      if (name.equals("load-balancer hosts")) {
        assertThat(findings).as(name).isEmpty();
      } else {
        assertThat(findings)
            .as(name)
            .extracting(Finding::ruleId, Finding::path)
            .containsExactly(
                tuple("LOAD_BALANCER_ROLE_UNUSED", "nodes[lb-1].roles"),
                tuple("LOAD_BALANCER_ROLE_UNUSED", "nodes[lb-2].roles"));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void render_placesVariantFiles(Expected expected) {
    Bundle bundle = TestTopologies.variantRenderer().render(variant(expected.name()));

    assertThat(nodeFiles(bundle, "cp-2")).isEqualTo(expected.controlPlaneFiles());
    assertThat(nodeFiles(bundle, "worker-1")).isEqualTo(expected.workerFiles());
    assertThat(nodeFiles(bundle, "lb-1")).isEqualTo(expected.loadBalancerHostFiles());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void render_writesEndpointAndPreflightChecks(Expected expected) {
    Bundle bundle = TestTopologies.variantRenderer().render(variant(expected.name()));

    JsonNode cluster = documents(bundle, "cp-1").get(1);
    JsonNode controlPlaneJoin = documents(bundle, "cp-2").get(0);
    JsonNode workerJoin = documents(bundle, "worker-1").get(0);

    assertThat(cluster.get("controlPlaneEndpoint").asString()).isEqualTo(expected.endpoint());
    assertThat(skipsManifestsCheck(controlPlaneJoin))
        .as("control plane join skips the check")
        .isEqualTo(expected.controlPlaneJoinSkipsCheck());
    assertThat(skipsManifestsCheck(workerJoin))
        .as("worker join skips the check")
        .isEqualTo(expected.workerJoinSkipsCheck());
    assertThat(workerJoin.at("/discovery/bootstrapToken/apiServerEndpoint").asString())
        .isEqualTo(expected.endpoint());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void render_runbookUsesVariantEndpoint(Expected expected) {
    Bundle bundle = TestTopologies.variantRenderer().render(variant(expected.name()));
    String runbook = bundle.file("RUNBOOK.md").orElseThrow().text();

    assertThat(runbook).contains("Clients reach the apiservers at `" + expected.endpoint() + "`");
    assertThat(runbook)
        .contains("curl --insecure --fail https://" + expected.endpoint() + "/readyz");
    if (expected.loadBalancerHostFiles().isEmpty()) {
      assertThat(runbook).doesNotContain("# on lb-1");
    } else {
      assertThat(runbook).contains("# on lb-1, in the folder that holds nodes/\n");
    }
  }

  @Test
  void render_ipv6VariantsBracketEveryUrl() {
    for (Map.Entry<String, ApiEndpointAccess> entry : TestTopologies.variants(true).entrySet()) {
      ClusterTopology topology = TestTopologies.variantBase(true).withApiEndpoint(entry.getValue());
      Bundle bundle = TestTopologies.variantRenderer().render(topology);
      String runbook = bundle.file("RUNBOOK.md").orElseThrow().text();

      assertThat(runbook).as(entry.getKey()).doesNotContain("https://fd00::");
      assertThat(runbook).as(entry.getKey()).doesNotContain("https://::1");
      for (BundleFile file : bundle.files()) {
        assertThat(file.text())
            .as("%s %s", entry.getKey(), file.path())
            .doesNotContain("https://fd00::");
      }
    }
  }

  private static List<String> nodeFiles(Bundle bundle, String node) {
    String prefix = "nodes/" + node;
    return bundle.files().stream()
        .map(BundleFile::path)
        .filter(path -> path.startsWith(prefix + "/"))
        .map(path -> path.substring(prefix.length()))
        .toList();
  }

  private static List<JsonNode> documents(Bundle bundle, String node) {
    String text = bundle.nodeFile(node, KUBEADM).orElseThrow().text();
    YAMLMapper mapper = YAMLMapper.builder().build();
    return Stream.of(text.split("(?m)^---\n")).map(mapper::readTree).toList();
  }

  private static boolean skipsManifestsCheck(JsonNode join) {
    JsonNode ignored = join.at("/nodeRegistration/ignorePreflightErrors");
    return ignored.isArray()
        && ignored.valueStream().anyMatch(entry -> entry.asString().equals(DIR_AVAILABLE));
  }
}
