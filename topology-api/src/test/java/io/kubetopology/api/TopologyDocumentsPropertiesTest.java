package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TopologyDocumentsPropertiesTest {
  @Property(tries = 200)
  void yaml_roundTrips(@ForAll("topologies") ClusterTopology topology) {
    String yaml = TopologyDocuments.writer().toYaml(topology);

    assertThat(TopologyDocuments.reader().read(yaml, "generated.yaml")).isEqualTo(topology);
  }

  @Property(tries = 200)
  void jsonWithDefaults_roundTrips(@ForAll("topologies") ClusterTopology topology) {
    String json = TopologyDocuments.writer().includeDefaults().toJson(topology);

    assertThat(TopologyDocuments.reader().read(json, "generated.json")).isEqualTo(topology);
  }

  @Property(tries = 50)
  void write_isDeterministic(@ForAll("topologies") ClusterTopology topology) {
    assertThat(TopologyDocuments.writer().toYaml(topology))
        .isEqualTo(TopologyDocuments.writer().toYaml(topology));
  }

  @Provide
  Arbitrary<ClusterTopology> topologies() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
            .ofMinLength(1)
            .ofMaxLength(20);
    Arbitrary<List<Node>> nodes =
        Combinators.combine(
                names,
                Arbitraries.integers().between(1, 254),
                Arbitraries.of(Role.values()),
                Arbitraries.of("", "eth0", "ens192"))
            .as(TopologyDocumentsPropertiesTest::node)
            .list()
            .ofMinSize(1)
            .ofMaxSize(8);
    Arbitrary<ApiEndpointAccess> endpoints =
        Arbitraries.oneOf(
            Arbitraries.just(ApiEndpointAccess.none()),
            haproxyKeepalived(),
            Combinators.combine(
                    Arbitraries.integers().between(1, 254),
                    Arbitraries.integers().between(2, 10),
                    Arbitraries.of("", "eth1"))
                .as(
                    (host, lease, interfaceName) -> {
                      KubeVip.Builder builder =
                          KubeVip.builder()
                              .virtualIp("10.0.0." + host)
                              .leaseDurationSeconds(lease + 2)
                              .renewDeadlineSeconds(lease);
                      if (!interfaceName.isEmpty()) {
                        builder.interfaceName(interfaceName);
                      }
                      return builder.build();
                    }),
            Combinators.combine(
                    Arbitraries.of("lb.example.com", "10.0.0.200"),
                    Arbitraries.integers().between(1, 65535),
                    Arbitraries.of(ExternalLoadBalancer.TlsMode.values()))
                .as(
                    (host, port, tls) ->
                        ExternalLoadBalancer.builder()
                            .host(host)
                            .port(port)
                            .tlsMode(tls)
                            .workerLocalProxyPort(16443)
                            .build()));
    Arbitrary<ClusterSecrets> secrets =
        Arbitraries.of(
            ClusterSecrets.none(),
            ClusterSecrets.builder().vrrpPassword("s3cret12").build(),
            ClusterSecrets.builder()
                .bootstrapToken("abcdef.0123456789abcdef")
                .certificateKey("3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998")
                .build());
    Arbitrary<String> versions =
        Combinators.combine(
                Arbitraries.integers().between(27, 40), Arbitraries.integers().between(0, 20))
            .as((minor, patch) -> "v1." + minor + "." + patch);
    return Combinators.combine(
            names,
            versions,
            nodes,
            endpoints,
            secrets,
            Arbitraries.of("10.244.0.0/16", "", "fd00:10::/56"))
        .as(
            (name, version, nodeList, endpoint, secret, pods) -> {
              Networking.Builder networking = Networking.builder();
              if (!pods.isEmpty()) {
                networking.podSubnet(pods);
              }
              return ClusterTopology.builder()
                  .name(name)
                  .kubernetesVersion(version)
                  .addAllNodes(nodeList)
                  .apiEndpoint(endpoint)
                  .networking(networking.build())
                  .secrets(secret)
                  .build();
            });
  }

  private static Arbitrary<ApiEndpointAccess> haproxyKeepalived() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 254),
            Arbitraries.integers().between(1, 65535),
            Arbitraries.integers().between(1, 255),
            Arbitraries.of(true, false),
            Arbitraries.of(HaproxyKeepalived.Placement.values()),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 255).set().ofMaxSize(3))
        .as(
            (host, port, routerId, unicast, placement, preempt, inUse) ->
                HaproxyKeepalived.builder()
                    .virtualIp("10.0.0." + host)
                    .frontendPort(port)
                    .virtualRouterId(routerId)
                    .unicast(unicast)
                    .placement(placement)
                    .preempt(preempt)
                    .multicastAvailable(!unicast)
                    .addAllVirtualRouterIdsInUse(inUse)
                    .build());
  }

  private static Node node(String name, int host, Role role, String interfaceName) {
    Node.Builder builder =
        Node.builder().name(name).address("10.0.0." + host + "/24").addRole(role);
    if (!interfaceName.isEmpty()) {
      builder.interfaceName(interfaceName);
    }
    return builder.build();
  }
}
