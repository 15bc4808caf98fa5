package io.kubetopology.samples;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * A development cluster: one control plane and one worker, no load balancer. The endpoint is a DNS
 * name, so the cluster can later grow to several control planes behind a load balancer without new
 * certificates.
 */
public final class SingleControlPlaneSample {
  private SingleControlPlaneSample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("dev")
        .kubernetesVersion("v1.30.5")
        .addNodes(
            Node.controlPlane("dev-cp", "192.168.56.10/24"),
            Node.worker("dev-worker", "192.168.56.20/24"))
        // Point this name at dev-cp today, and at a load balancer once there are more
        // control planes. It ends up in the apiserver certificate.
        .controlPlaneEndpoint(ControlPlaneEndpoint.of("api.dev.example.test", 6443))
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
