package io.kubetopology.api;

/** A node's function in the cluster. A node may have several roles. */
public enum Role {
  /** Runs kube-apiserver, kube-controller-manager and kube-scheduler as static pods. */
  CONTROL_PLANE,
  /** Runs workloads; joins with a worker JoinConfiguration. */
  WORKER,
  /**
   * A dedicated etcd host of an external etcd topology. It runs one etcd member as a static pod,
   * under a kubelet that serves only static pods, and takes no other role.
   */
  ETCD,
  /** A dedicated host that runs the API load balancer. */
  LOAD_BALANCER
}
