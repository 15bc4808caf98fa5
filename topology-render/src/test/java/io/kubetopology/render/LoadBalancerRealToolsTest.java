package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.api.VirtualIpAccess;
import io.kubetopology.render.RealTools.ScriptFile;
import io.kubetopology.render.RealTools.ToolResult;
import io.kubetopology.render.internal.CheckApiserverScriptRenderer;
import io.kubetopology.render.internal.HaproxyConfigRenderer;
import io.kubetopology.render.internal.KeepalivedConfigRenderer;
import io.kubetopology.render.internal.NodePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds every rendered haproxy.cfg to {@code haproxy -c} and every node's keepalived.conf, with its
 * check script in place, to {@code keepalived -t}, and expects exit status 0 and no warning. The
 * bundle cases cover every file of every way to reach the apiservers, in IPv4 and IPv6: control
 * planes, load-balancer hosts and workers' local proxies.
 */
@ResourceLock(value = VrrpLab.NAMESPACES, mode = ResourceAccessMode.READ)
class LoadBalancerRealToolsTest {

  private static final ClusterSecrets SECRETS =
      ClusterSecrets.builder().vrrpPassword("s3cret12").build();

  /** A topology under test, named for the test report. */
  record Case(String name, ClusterTopology topology) {
    HaproxyKeepalived loadBalancer() {
      return (HaproxyKeepalived) topology.apiEndpoint();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("ipv4 multicast", ipv4(false, 8443)),
        new Case("ipv4 unicast", ipv4(true, 8443)),
        new Case("ipv4 unicast privileged port", ipv4(true, 443)),
        new Case("ipv6 multicast", ipv6(false)),
        new Case("ipv6 unicast", ipv6(true)),
        new Case("single control plane unicast", singleControlPlane()),
        new Case("node interface override", nodeInterfaceOverride()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void haproxyCfg_passesHaproxyCheck(Case testCase) {
    RealTools.assumeOrRequire(RealTools.haproxyAvailable(), "haproxy");
    String cfg = HaproxyConfigRenderer.render(testCase.topology(), testCase.loadBalancer());

    ToolResult result = RealTools.haproxyCheck(cfg);

    assertThat(result.exitCode()).as(result::toString).isZero();
    assertThat(result.warnings()).as(result::toString).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keepalivedConf_passesKeepalivedCheckOnEveryNode(Case testCase) {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    HaproxyKeepalived lb = testCase.loadBalancer();

    for (Node node : testCase.topology().controlPlanes()) {
      String conf = KeepalivedConfigRenderer.render(testCase.topology(), lb, node, SECRETS);
      String script = CheckApiserverScriptRenderer.render(testCase.topology(), lb, node);
      String interfaceName = node.interfaceName().or(lb::interfaceName).orElseThrow();

      ToolResult result =
          RealTools.keepalivedCheck(
              conf,
              interfaceName,
              node.address().toString(),
              Map.of(NodePaths.CHECK_APISERVER_SCRIPT, ScriptFile.executable(script)));

      assertThat(result.exitCode()).as("%s: %s", node.name(), result).isZero();
      assertThat(result.warnings()).as("%s: %s", node.name(), result).isEmpty();
    }
  }

  /** One variant of the shared topology, in one address family, named for the test report. */
  record Variant(String name, ClusterTopology topology) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (boolean ipv6 : List.of(false, true)) {
      TestTopologies.variants(ipv6)
          .forEach(
              (name, access) ->
                  variants.add(
                      new Variant(
                          name + (ipv6 ? " ipv6" : " ipv4"),
                          TestTopologies.variantBase(ipv6).withApiEndpoint(access))));
    }
    return variants.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void bundle_everyHaproxyCfgPassesHaproxyCheck(Variant variant) {
    RealTools.assumeOrRequire(RealTools.haproxyAvailable(), "haproxy");
    Bundle bundle = TestTopologies.variantRenderer().render(variant.topology());

    for (BundleFile file : filesEndingWith(bundle, NodePaths.HAPROXY_CONFIG)) {
      ToolResult result = RealTools.haproxyCheck(file.text());

      assertThat(result.exitCode()).as("%s: %s", file.path(), result).isZero();
      assertThat(result.warnings()).as("%s: %s", file.path(), result).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void bundle_everyKeepalivedConfPassesKeepalivedCheck(Variant variant) {
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    Bundle bundle = TestTopologies.variantRenderer().render(variant.topology());

    for (BundleFile file : filesEndingWith(bundle, NodePaths.KEEPALIVED_CONFIG)) {
      Node node = nodeOf(variant.topology(), file);
      VirtualIpAccess access = (VirtualIpAccess) variant.topology().apiEndpoint();
      String script =
          bundle.nodeFile(node.name(), NodePaths.CHECK_APISERVER_SCRIPT).orElseThrow().text();

      ToolResult result =
          RealTools.keepalivedCheck(
              file.text(),
              access.interfaceFor(node).orElseThrow(),
              node.address().toString(),
              Map.of(NodePaths.CHECK_APISERVER_SCRIPT, ScriptFile.executable(script)));

      assertThat(result.exitCode()).as("%s: %s", file.path(), result).isZero();
      assertThat(result.warnings()).as("%s: %s", file.path(), result).isEmpty();
    }
  }

  @Test
  void variants_coverEveryRenderedConfigKind() {
    List<String> paths =
        variants()
            .flatMap(
                variant ->
                    TestTopologies.variantRenderer().render(variant.topology()).files().stream())
            .map(BundleFile::path)
            .toList();

    assertThat(paths).anyMatch(path -> path.startsWith("nodes/lb-1/") && path.endsWith(".cfg"));
    assertThat(paths).anyMatch(path -> path.startsWith("nodes/lb-2/") && path.endsWith(".conf"));
    assertThat(paths)
        .anyMatch(path -> path.startsWith("nodes/worker-1/") && path.endsWith("haproxy.cfg"));
    assertThat(paths)
        .anyMatch(path -> path.startsWith("nodes/cp-3/") && path.endsWith("keepalived.conf"));
  }

  private static List<BundleFile> filesEndingWith(Bundle bundle, String nodePath) {
    return bundle.files().stream().filter(file -> file.path().endsWith(nodePath)).toList();
  }

  private static Node nodeOf(ClusterTopology topology, BundleFile file) {
    String name = file.path().split("/")[1];
    return topology.nodes().stream()
        .filter(node -> node.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ClusterTopology ipv4(boolean unicast, int frontendPort) {
    return topology(
        "ipv4",
        List.of(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24")),
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp("10.0.0.100")
            .interfaceName("eth0")
            .frontendPort(frontendPort)
            .unicast(unicast)
            .build());
  }

  private static ClusterTopology ipv6(boolean unicast) {
    return topology(
        "ipv6",
        List.of(
            Node.controlPlane("cp-1", "fd00::11/64"),
            Node.controlPlane("cp-2", "fd00::12/64"),
            Node.controlPlane("cp-3", "fd00::13/64")),
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp("fd00::100")
            .interfaceName("eth0")
            .frontendPort(9443)
            .unicast(unicast)
            .build());
  }

  private static ClusterTopology singleControlPlane() {
    return topology(
        "single",
        List.of(Node.controlPlane("cp-1", "192.168.10.11/24")),
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp("192.168.10.100")
            .interfaceName("ens3")
            .unicast(true)
            .build());
  }

  private static ClusterTopology nodeInterfaceOverride() {
    Node custom =
        Node.builder()
            .from(Node.controlPlane("cp-2", "10.0.0.12/24"))
            .interfaceName("ens192")
            .build();
    return topology(
        "override",
        List.of(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            custom,
            Node.controlPlane("cp-3", "10.0.0.13/24")),
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp("10.0.0.100")
            .interfaceName("eth0")
            .build());
  }

  private static ClusterTopology topology(String name, List<Node> nodes, HaproxyKeepalived lb) {
    return ClusterTopology.builder()
        .name(name)
        .kubernetesVersion("v1.33.4")
        .addAllNodes(nodes)
        .apiEndpoint(lb)
        .build();
  }
}
