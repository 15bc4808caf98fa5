package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Renders {@value #TOPOLOGIES} different topologies with one {@link BundleRenderer} shared by
 * {@value #THREADS} threads and expects the same bytes as rendering them one after another.
 */
class ConcurrentRenderTest {
  private static final int TOPOLOGIES = 1000;
  private static final int THREADS = 8;
  private static final List<String> VERSIONS = List.of("v1.30.5", "v1.31.0", "v1.33.4");

  @Test
  void render_sharedRendererMatchesSequentialRun() throws Exception {
    BundleRenderer renderer = BundleRenderer.standard();
    List<ClusterTopology> topologies = new ArrayList<>();
    for (int i = 0; i < TOPOLOGIES; i++) {
      topologies.add(topology(i));
    }
    List<List<String>> sequential = new ArrayList<>();
    for (ClusterTopology topology : topologies) {
      sequential.add(fingerprint(renderer.render(topology)));
    }

    List<List<String>> concurrent = renderConcurrently(renderer, topologies);

    for (int i = 0; i < TOPOLOGIES; i++) {
      assertThat(concurrent.get(i)).as(topologies.get(i).name()).isEqualTo(sequential.get(i));
    }
    assertThat(sequential.stream().distinct().count()).isEqualTo(TOPOLOGIES);
  }

  private static List<List<String>> renderConcurrently(
      BundleRenderer renderer, List<ClusterTopology> topologies) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (ClusterTopology topology : topologies) {
        futures.add(pool.submit(() -> fingerprint(renderer.render(topology))));
      }
      List<List<String>> results = new ArrayList<>();
      for (Future<List<String>> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Returns each file as its path, mode and SHA-256, which change with any byte. */
  private static List<String> fingerprint(Bundle bundle) {
    return bundle.files().stream()
        .map(file -> file.path() + " " + file.modeText() + " " + file.sha256())
        .toList();
  }

  /**
   * Returns topology {@code i}: its name, subnet, control-plane count, worker count, Kubernetes
   * version, frontend port and VRRP mode all follow from {@code i}, and the secrets are fixed.
   */
  private static ClusterTopology topology(int i) {
    String prefix = "10." + (1 + i / 250) + "." + (i % 250) + ".";
    int controlPlanes = 1 + 2 * (i % 3);
    List<Node> nodes = new ArrayList<>();
    for (int n = 1; n <= controlPlanes; n++) {
      nodes.add(Node.controlPlane("cp-" + n, prefix + (10 + n) + "/24"));
    }
    for (int n = 1; n <= i % 4; n++) {
      nodes.add(Node.worker("worker-" + n, prefix + (20 + n) + "/24"));
    }
    return ClusterTopology.builder()
        .name("cluster-" + i)
        .kubernetesVersion(VERSIONS.get(i % VERSIONS.size()))
        .addAllNodes(nodes)
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp(prefix + "100")
                .interfaceName("eth0")
                .frontendPort(8443 + i % 7)
                .unicast(i % 2 == 0)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .secrets(TestTopologies.fixedSecrets())
        .build();
  }
}
