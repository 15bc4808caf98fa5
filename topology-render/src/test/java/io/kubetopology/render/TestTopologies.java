package io.kubetopology.render;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import java.util.ArrayList;
import java.util.List;

/** Topologies shared by the render tests. */
final class TestTopologies {
  static final String TOKEN = "abcdef.0123456789abcdef";
  static final String CERTIFICATE_KEY =
      "3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998";
  static final String VRRP_PASSWORD = "s3cret12";

  private TestTopologies() {}

  static ClusterSecrets fixedSecrets() {
    return ClusterSecrets.builder()
        .bootstrapToken(TOKEN)
        .certificateKey(CERTIFICATE_KEY)
        .vrrpPassword(VRRP_PASSWORD)
        .build();
  }

  /** Three control planes behind haproxy and keepalived, two workers, fixed secrets. */
  static ClusterTopology stackedHa(String version) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24"),
            Node.worker("worker-2", "10.0.0.22/24"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .secrets(fixedSecrets())
        .build();
  }

  static ClusterTopology stackedHa() {
    return stackedHa("v1.33.4");
  }

  /**
   * The stacked HA topology with external etcd on three etcd hosts, etcd-1..3 at 10.0.1.11-13/24.
   */
  static ClusterTopology externalEtcd(String version) {
    List<Node> nodes = new ArrayList<>(stackedHa(version).nodes());
    nodes.add(Node.etcd("etcd-1", "10.0.1.11/24"));
    nodes.add(Node.etcd("etcd-2", "10.0.1.12/24"));
    nodes.add(Node.etcd("etcd-3", "10.0.1.13/24"));
    return stackedHa(version).withNodes(nodes).withEtcd(EtcdTopology.external().build());
  }

  static ClusterTopology externalEtcd() {
    return externalEtcd("v1.33.4");
  }

  /** The external etcd topology with every address in IPv6, in fd00::/64 and fd00:1::/64. */
  static ClusterTopology externalEtcdIpv6() {
    return ClusterTopology.builder()
        .name("prod-v6")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "fd00::11/64"),
            Node.controlPlane("cp-2", "fd00::12/64"),
            Node.controlPlane("cp-3", "fd00::13/64"),
            Node.worker("worker-1", "fd00::21/64"),
            Node.etcd("etcd-1", "fd00:1::11/64"),
            Node.etcd("etcd-2", "fd00:1::12/64"),
            Node.etcd("etcd-3", "fd00:1::13/64"))
        .etcd(EtcdTopology.external().build())
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("fd00::100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(
            Networking.builder()
                .podSubnet("fd00:10:244::/56")
                .serviceSubnet("fd00:10:96::/108")
                .build())
        .secrets(fixedSecrets())
        .build();
  }
}
