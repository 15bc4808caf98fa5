package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round trips of generated topologies through documents. Each topology derives from a fixed seed,
 * and a failure names the seed that reproduces it.
 */
class TopologyDocumentsPropertiesTest {
  private static final int CASES = 300;
  private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-";

  @Test
  void yaml_roundTrips() {
    for (long seed = 0; seed < CASES; seed++) {
      ClusterTopology topology = topology(new Random(seed));
      String yaml = TopologyDocuments.writer().toYaml(topology);

      assertThat(TopologyDocuments.reader().read(yaml, "generated.yaml"))
          .as("seed %d:%n%s", seed, yaml)
          .isEqualTo(topology);
    }
  }

  @Test
  void jsonWithDefaults_roundTrips() {
    for (long seed = 0; seed < CASES; seed++) {
      ClusterTopology topology = topology(new Random(seed));
      String json = TopologyDocuments.writer().includeDefaults().toJson(topology);

      assertThat(TopologyDocuments.reader().read(json, "generated.json"))
          .as("seed %d:%n%s", seed, json)
          .isEqualTo(topology);
    }
  }

  @Test
  void write_isDeterministic() {
    for (long seed = 0; seed < 50; seed++) {
      String first = TopologyDocuments.writer().toYaml(topology(new Random(seed)));
      String second = TopologyDocuments.writer().toYaml(topology(new Random(seed)));

      assertThat(second).as("seed %d", seed).isEqualTo(first);
    }
  }

  /** Generates a topology: any well-formed value, valid for a cluster or not. */
  static ClusterTopology topology(Random random) {
    ClusterTopology.Builder builder =
        ClusterTopology.builder()
            .name(name(random))
            .kubernetesVersion("v1." + between(random, 27, 40) + "." + between(random, 0, 20))
            .apiEndpoint(endpoint(random))
            .networking(networking(random))
            .secrets(secrets(random));
    int nodes = between(random, 1, 8);
    for (int i = 0; i < nodes; i++) {
      builder.addNode(node(random));
    }
    if (random.nextInt(4) == 0) {
      builder.addExtraCertSans("api.example.com", "10.0.0." + between(random, 1, 254));
    }
    return builder.build();
  }

  private static Node node(Random random) {
    Node.Builder builder =
        Node.builder()
            .name(name(random))
            .address("10.0.0." + between(random, 1, 254) + "/24")
            .addRole(pick(random, Role.values()));
    String interfaceName = pick(random, "", "eth0", "ens192");
    if (!interfaceName.isEmpty()) {
      builder.interfaceName(interfaceName);
    }
    if (random.nextInt(3) == 0) {
      builder.putLabel("topology.kubernetes.io/zone", name(random));
    }
    return builder.build();
  }

  private static ApiEndpointAccess endpoint(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> ApiEndpointAccess.none();
      case 1 -> haproxyKeepalived(random);
      case 2 -> kubeVip(random);
      default ->
          ExternalLoadBalancer.builder()
              .host(pick(random, "lb.example.com", "10.0.0.200"))
              .port(between(random, 1, 65535))
              .tlsMode(pick(random, ExternalLoadBalancer.TlsMode.values()))
              .workerLocalProxyPort(16443)
              .build();
    };
  }

  private static ApiEndpointAccess haproxyKeepalived(Random random) {
    boolean unicast = random.nextBoolean();
    HaproxyKeepalived.Builder builder =
        HaproxyKeepalived.builder()
            .virtualIp("10.0.0." + between(random, 1, 254))
            .frontendPort(between(random, 1, 65535))
            .virtualRouterId(between(random, 1, 255))
            .unicast(unicast)
            .multicastAvailable(!unicast)
            .placement(pick(random, HaproxyKeepalived.Placement.values()))
            .preempt(random.nextBoolean());
    for (int i = random.nextInt(3); i > 0; i--) {
      builder.addVirtualRouterIdsInUse(between(random, 1, 255));
    }
    return builder.build();
  }

  private static ApiEndpointAccess kubeVip(Random random) {
    int renewDeadline = between(random, 2, 10);
    KubeVip.Builder builder =
        KubeVip.builder()
            .virtualIp("10.0.0." + between(random, 1, 254))
            .leaseDurationSeconds(renewDeadline + 2)
            .renewDeadlineSeconds(renewDeadline);
    if (random.nextBoolean()) {
      builder.interfaceName("eth1");
    }
    return builder.build();
  }

  private static Networking networking(Random random) {
    Networking.Builder builder = Networking.builder();
    String pods = pick(random, "10.244.0.0/16", "", "fd00:10::/56");
    if (!pods.isEmpty()) {
      builder.podSubnet(pods);
    }
    if (random.nextInt(4) == 0) {
      builder.serviceSubnet("10.112.0.0/12").nodeCidrMaskSizeIpv4(25).dnsDomain("cluster.test");
    }
    return builder.build();
  }

  private static ClusterSecrets secrets(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> ClusterSecrets.none();
      case 1 -> ClusterSecrets.builder().vrrpPassword("s3cret12").build();
      default ->
          ClusterSecrets.builder()
              .bootstrapToken("abcdef.0123456789abcdef")
              .certificateKey("3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998")
              .build();
    };
  }

  private static String name(Random random) {
    StringBuilder name = new StringBuilder();
    for (int i = between(random, 1, 20); i > 0; i--) {
      name.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
    }
    return name.toString();
  }

  private static int between(Random random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
