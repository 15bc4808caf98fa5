package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * Three control planes behind a load balancer that the bundle does not configure, such as a cloud
 * load balancer. The runbook lists what it must do.
 */
public final class ExternalLoadBalancerSample {
  private ExternalLoadBalancerSample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("prod-ap1")
        .kubernetesVersion("v1.31.8")
        .addNodes(
            Node.controlPlane("cp-1", "172.16.1.11/24"),
            Node.controlPlane("cp-2", "172.16.2.11/24"),
            Node.controlPlane("cp-3", "172.16.3.11/24"),
            Node.worker("worker-1", "172.16.1.21/24"),
            Node.worker("worker-2", "172.16.2.21/24"))
        .apiEndpoint(
            ApiEndpointAccess.externalLoadBalancer()
                // The name ends up in the apiserver certificate; point it at the load balancer.
                .host("api.prod-ap1.example.com")
                .port(6443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
