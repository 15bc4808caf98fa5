package io.kubetopology.samples;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;

/**
 * kube-vip on the control planes, and on every worker a haproxy static pod on 127.0.0.1:6443 that
 * balances over all apiservers. After the join, the workers' kubelet uses that proxy, so a failed
 * control plane costs a worker one connection instead of the seconds the VIP takes to move.
 */
public final class WorkerLocalProxySample {
  private WorkerLocalProxySample() {}

  /** Returns the topology. */
  public static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("batch-1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "10.2.0.11/24"),
            Node.controlPlane("cp-2", "10.2.0.12/24"),
            Node.controlPlane("cp-3", "10.2.0.13/24"),
            Node.worker("worker-1", "10.2.0.21/24"),
            Node.worker("worker-2", "10.2.0.22/24"),
            Node.worker("worker-3", "10.2.0.23/24"))
        .apiEndpoint(
            ApiEndpointAccess.kubeVip()
                .virtualIp("10.2.0.10")
                .interfaceName("eth0")
                // Workers run no apiserver, so the apiserver port is free on their loopback.
                .workerLocalProxyPort(6443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }
}
