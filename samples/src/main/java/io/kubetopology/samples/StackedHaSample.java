package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * The setup of the kubeadm high-availability guide: three control planes with stacked etcd, haproxy
 * and keepalived as static pods on each, and a virtual IP in front of the apiservers.
 */
public final class StackedHaSample {
  private StackedHaSample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            // Three control planes: stacked etcd needs an odd member count to keep quorum
            // when one fails. The first one runs kubeadm init; the others join.
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24"),
            Node.worker("worker-2", "10.0.0.22/24"))
        // kubeadm creates one etcd member on each control plane.
        .etcd(EtcdTopology.stacked())
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                // A free address in the control planes' subnet; keepalived moves it to a
                // healthy control plane.
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                // haproxy shares the hosts with the apiservers on 6443, so it listens on
                // another port; clients and kubeadm use 10.0.0.100:8443.
                .frontendPort(8443)
                .build())
        // The range the network plugin hands out to pods; it must not overlap the nodes'.
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
