package io.kubetopology.samples.bench;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.samples.StackedHaSample;

/** Topologies the benchmarks measure, with fixed secrets so no run spends time on SecureRandom. */
final class BenchmarkTopologies {
  static final ClusterSecrets SECRETS =
      ClusterSecrets.builder()
          .bootstrapToken("abcdef.0123456789abcdef")
          .certificateKey("3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998")
          .vrrpPassword("s3cret12")
          .build();

  private BenchmarkTopologies() {}

  /** Returns the default sample: 3 control planes and 2 workers. */
  static ClusterTopology defaultSample() {
    return StackedHaSample.topology().withSecrets(SECRETS);
  }

  /** Returns the default sample's shape with {@code nodeCount} nodes: 3 control planes, the rest workers. */
  static ClusterTopology scaled(int nodeCount) {
    ClusterTopology.Builder builder =
        ClusterTopology.builder()
            .name("scale")
            .kubernetesVersion("v1.33.4")
            .apiEndpoint(
                ApiEndpointAccess.haproxyKeepalived()
                    .virtualIp("10.1.0.10")
                    .interfaceName("eth0")
                    .build())
            .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
            .secrets(SECRETS);
    for (int i = 0; i < nodeCount; i++) {
      builder.addNode(node(i));
    }
    return builder.build();
  }

  private static Node node(int index) {
    String address = "10.1." + (1 + index / 250) + "." + (1 + index % 250) + "/16";
    return index < 3
        ? Node.controlPlane("cp-" + (index + 1), address)
        : Node.worker("worker-" + (index - 2), address);
  }
}
