package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

class PodTreesTest {
  /** The Jackson configuration the render module wrote static pods with before PodTrees. */
  private static final ObjectMapper JACKSON_YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectMapper JACKSON_JSON = JsonMapper.builder().build();

  @Test
  void toTree_matchesJackson() {
    for (Map.Entry<String, Pod> pod : renderedPods().entrySet()) {
      Object jacksonTree = JACKSON_JSON.convertValue(pod.getValue(), Map.class);

      assertThat(PodTrees.toTree(pod.getValue())).as(pod.getKey()).isEqualTo(jacksonTree);
    }
  }

  @Test
  void toYaml_matchesJackson() {
    for (Map.Entry<String, Pod> pod : renderedPods().entrySet()) {
      String jacksonYaml = JACKSON_YAML.writeValueAsString(pod.getValue());

      assertThat(StaticPodRenderer.toYaml(pod.getValue())).as(pod.getKey()).isEqualTo(jacksonYaml);
    }
  }

  @Test
  void toTree_emptyPod_keepsOnlyKind() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("apiVersion", "v1");
    expected.put("kind", "Pod");

    assertThat(PodTrees.toTree(new Pod())).isEqualTo(expected);
  }

  /** Returns every shape of Pod the renderers build, each under a name that distinguishes it. */
  private static Map<String, Pod> renderedPods() {
    Map<String, Pod> pods = new LinkedHashMap<>();
    for (String virtualIp : List.of("10.0.0.100", "fd00::100")) {
      for (int port : List.of(8443, 443)) {
        ClusterTopology topology = loadBalancerTopology(virtualIp, port);
        HaproxyKeepalived lb = (HaproxyKeepalived) topology.apiEndpoint();
        pods.put("haproxy " + virtualIp + " " + port, StaticPodRenderer.haproxy(topology, lb));
        pods.put("keepalived " + virtualIp, StaticPodRenderer.keepalived(topology, lb));
      }
    }
    ClusterTopology topology = loadBalancerTopology("10.0.0.100", 8443);
    for (String address : List.of("10.0.0.21/24", "fd00::21/64")) {
      Node worker = Node.worker("worker-1", address);
      pods.put("worker proxy " + address, StaticPodRenderer.workerProxy(topology, worker, 6443));
    }
    for (String version : List.of("v1.28.15", "v1.33.4")) {
      ClusterTopology kubeVipTopology = kubeVipTopology(version);
      KubeVip kubeVip = (KubeVip) kubeVipTopology.apiEndpoint();
      for (Node node : kubeVipTopology.controlPlanes()) {
        pods.put(
            "kube-vip " + version + " " + node.name(),
            KubeVipPodRenderer.render(kubeVipTopology, kubeVip, node));
      }
    }
    return pods;
  }

  private static ClusterTopology loadBalancerTopology(String virtualIp, int port) {
    boolean ipv4 = !virtualIp.contains(":");
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", ipv4 ? "10.0.0.11/24" : "fd00::11/64"),
            Node.controlPlane("cp-2", ipv4 ? "10.0.0.12/24" : "fd00::12/64"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp(virtualIp)
                .interfaceName("eth0")
                .frontendPort(port)
                .build())
        .images(ImageSettings.defaults())
        .build();
  }

  private static ClusterTopology kubeVipTopology(String version) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24").withInterfaceName("ens192"))
        .apiEndpoint(
            ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").interfaceName("eth0").build())
        .build();
  }
}
