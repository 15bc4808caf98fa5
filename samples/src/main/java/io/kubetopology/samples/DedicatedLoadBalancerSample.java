package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;

/**
 * Two dedicated load-balancer hosts run haproxy and keepalived as systemd services in front of
 * three control planes. No apiserver runs there, so haproxy listens on the apiserver port 6443
 * itself.
 */
public final class DedicatedLoadBalancerSample {
  private DedicatedLoadBalancerSample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("prod-us1")
        .kubernetesVersion("v1.32.4")
        .addNodes(
            Node.controlPlane("cp-1", "10.1.0.11/24"),
            Node.controlPlane("cp-2", "10.1.0.12/24"),
            Node.controlPlane("cp-3", "10.1.0.13/24"),
            Node.worker("worker-1", "10.1.0.21/24"),
            Node.worker("worker-2", "10.1.0.22/24"),
            // Two hosts, so the endpoint survives the loss of either.
            loadBalancerHost("lb-1", "10.1.0.5/24"),
            loadBalancerHost("lb-2", "10.1.0.6/24"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .placement(HaproxyKeepalived.Placement.LOAD_BALANCER_HOSTS)
                .virtualIp("10.1.0.10")
                .interfaceName("eth0")
                .frontendPort(6443)
                // haproxy listens on the VIP only, not on each host's own address. A sysctl
                // drop-in lets the backup host bind the VIP before keepalived moves it there.
                .bindToVirtualIp(true)
                .unicast(true)
                // A recovered lb-1 leaves the VIP on lb-2 instead of moving it back.
                .preempt(false)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }

  private static Node loadBalancerHost(String name, String address) {
    return Node.builder().name(name).address(address).addRole(Role.LOAD_BALANCER).build();
  }
}
