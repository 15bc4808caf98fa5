package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * The external etcd setup of the kubeadm high-availability guide: three dedicated etcd hosts, three
 * control planes with haproxy and keepalived as static pods and a virtual IP in front of the
 * apiservers, and two workers.
 */
public final class ExternalEtcdSample {
  private ExternalEtcdSample() {}

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
            Node.worker("worker-2", "10.0.0.22/24"),
            // Three etcd members keep quorum when one fails. Each host runs its member as a
            // static pod under a kubelet that does nothing else; the node name is the member name.
            Node.etcd("etcd-1", "10.0.1.11/24"),
            Node.etcd("etcd-2", "10.0.1.12/24"),
            Node.etcd("etcd-3", "10.0.1.13/24"))
        // The members are the etcd hosts above. The apiservers reach them at
        // https://10.0.1.1x:2379 with kubeadm's etcd client certificate, which the runbook
        // copies from etcd-1 to cp-1 before kubeadm init.
        .etcd(EtcdTopology.external().build())
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
