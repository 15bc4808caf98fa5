package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * kube-vip as a static pod on three control planes, in ARP mode: the leader of a Lease announces
 * the virtual IP, and clients reach the apiserver on that node on 6443 directly.
 */
public final class KubeVipSample {
  private KubeVipSample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("edge-1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "192.168.20.11/24"),
            Node.controlPlane("cp-2", "192.168.20.12/24"),
            // This machine names its interface differently, and its own manifest uses that name.
            Node.controlPlane("cp-3", "192.168.20.13/24").withInterfaceName("ens192"),
            Node.worker("worker-1", "192.168.20.21/24"))
        .apiEndpoint(
            ApiEndpointAccess.kubeVip()
                .virtualIp("192.168.20.10")
                .interfaceName("eth0")
                // kube-vip's defaults, spelled out: the VIP moves about 5 s after its holder dies.
                .leaseDurationSeconds(5)
                .renewDeadlineSeconds(3)
                .retryPeriodSeconds(1)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
