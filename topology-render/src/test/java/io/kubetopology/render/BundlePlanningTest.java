package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.render.internal.HaproxyConfigRenderer;
import io.kubetopology.render.internal.StaticPodRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundlePlanningTest {
  private static final String HAPROXY_POD = "/etc/kubernetes/manifests/haproxy.yaml";
  private static final String KEEPALIVED_POD = "/etc/kubernetes/manifests/keepalived.yaml";
  private static final String HAPROXY_CONFIG = "/etc/haproxy/haproxy.cfg";

  @Test
  void plan_sharedFilesEqualEachNodesOwnRendering() {
    for (boolean ipv6 : List.of(false, true)) {
      for (Map.Entry<String, ApiEndpointAccess> variant :
          TestTopologies.variants(ipv6).entrySet()) {
        ClusterTopology topology =
            TestTopologies.variantBase(ipv6).withApiEndpoint(variant.getValue());
        Bundle bundle = TestTopologies.variantRenderer().render(topology);

        for (Node node : topology.nodes()) {
          assertOwnRendering(bundle, topology, node, variant.getKey());
        }
      }
    }
  }

  @Test
  void plan_sharesLoadBalancerTextsBetweenNodes() {
    Bundle bundle = BundleRenderer.standard().render(TestTopologies.stackedHa());

    for (String path : List.of(HAPROXY_POD, KEEPALIVED_POD, HAPROXY_CONFIG)) {
      String first = bundle.nodeFile("cp-1", path).orElseThrow().text();

      assertThat(bundle.nodeFile("cp-2", path).orElseThrow().text()).as(path).isSameAs(first);
      assertThat(bundle.nodeFile("cp-3", path).orElseThrow().text()).as(path).isSameAs(first);
    }
  }

  @Test
  void runbook_nodeNamePrefixesKeepTheirOwnFiles() {
    ClusterTopology topology =
        TestTopologies.stackedHa()
            .withNodes(
                Node.controlPlane("cp-1", "10.0.0.11/24"),
                Node.controlPlane("cp-10", "10.0.0.12/24"),
                Node.controlPlane("cp-100", "10.0.0.13/24"));
    String runbook =
        BundleRenderer.standard().render(topology).file("RUNBOOK.md").orElseThrow().text();

    assertThat(runbook)
        .contains(
            "# on cp-1, in the folder that holds nodes/\n"
                + "install -D -o root -g root -m 0644 nodes/cp-1/etc/haproxy/haproxy.cfg"
                + " /etc/haproxy/haproxy.cfg\n");
    assertThat(runbook)
        .contains(
            "install -D -o root -g root -m 0644 nodes/cp-1/etc/kubernetes/manifests/keepalived.yaml"
                + " /etc/kubernetes/manifests/keepalived.yaml\n"
                + "# on cp-10, in the folder that holds nodes/\n");
    assertThat(runbook)
        .contains(
            "install -D -o root -g root -m 0644"
                + " nodes/cp-10/etc/kubernetes/manifests/keepalived.yaml"
                + " /etc/kubernetes/manifests/keepalived.yaml\n"
                + "# on cp-100, in the folder that holds nodes/\n");
  }

  /**
   * Checks the files a planner shares between nodes against rendering them for {@code node} alone.
   */
  private static void assertOwnRendering(
      Bundle bundle, ClusterTopology topology, Node node, String variant) {
    String name = variant + " " + node.name();
    if (topology.apiEndpoint() instanceof HaproxyKeepalived lb) {
      bundle
          .nodeFile(node.name(), HAPROXY_CONFIG)
          .ifPresent(
              file ->
                  assertThat(file.text())
                      .as(name)
                      .isEqualTo(HaproxyConfigRenderer.render(topology, lb)));
      bundle
          .nodeFile(node.name(), HAPROXY_POD)
          .ifPresent(
              file ->
                  assertThat(file.text())
                      .as(name)
                      .isEqualTo(
                          StaticPodRenderer.toYaml(StaticPodRenderer.haproxy(topology, lb))));
      bundle
          .nodeFile(node.name(), KEEPALIVED_POD)
          .ifPresent(
              file ->
                  assertThat(file.text())
                      .as(name)
                      .isEqualTo(
                          StaticPodRenderer.toYaml(StaticPodRenderer.keepalived(topology, lb))));
    }
    topology
        .apiEndpoint()
        .workerLocalProxyPort()
        .ifPresent(port -> assertOwnWorkerProxy(bundle, topology, node, port, name));
  }

  private static void assertOwnWorkerProxy(
      Bundle bundle, ClusterTopology topology, Node node, int port, String name) {
    bundle
        .nodeFile(node.name(), HAPROXY_CONFIG)
        .ifPresent(
            file ->
                assertThat(file.text())
                    .as(name)
                    .isEqualTo(HaproxyConfigRenderer.renderWorkerProxy(topology, node, port)));
    bundle
        .nodeFile(node.name(), HAPROXY_POD)
        .ifPresent(
            file ->
                assertThat(file.text())
                    .as(name)
                    .isEqualTo(
                        StaticPodRenderer.toYaml(
                            StaticPodRenderer.workerProxy(topology, node, port))));
  }
}
