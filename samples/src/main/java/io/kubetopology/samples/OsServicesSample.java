package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * haproxy and keepalived on the three control planes as systemd services from Debian's packages
 * instead of static pods, so they keep running when kubelet or kubeadm reset the static pods.
 */
public final class OsServicesSample {
  private OsServicesSample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("prod-eu2")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24"),
            Node.worker("worker-2", "10.0.0.22/24"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                // The runbook installs the packages and enables both services; the files are
                // the same as for static pods, without the manifests.
                .placement(HaproxyKeepalived.Placement.OS_SERVICES)
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                // haproxy still shares the hosts with the apiservers on 6443.
                .frontendPort(8443)
                // Many clouds drop multicast, so keepalived sends its adverts to each peer.
                .unicast(true)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
