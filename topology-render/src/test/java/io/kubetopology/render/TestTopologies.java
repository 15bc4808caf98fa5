package io.kubetopology.render;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

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
}
