package io.kubetopology.render.internal;

/** Absolute paths of the files a bundle places on a node, shared by every renderer. */
public final class NodePaths {
  /** kubeadm's static pod directory. */
  public static final String MANIFESTS_DIR = "/etc/kubernetes/manifests";

  /** The kubeadm configuration read by {@code kubeadm init --config} or {@code join --config}. */
  public static final String KUBEADM_CONFIG = "/etc/kubernetes/kubeadm-config.yaml";

  /** The haproxy static pod manifest. */
  public static final String HAPROXY_MANIFEST = MANIFESTS_DIR + "/haproxy.yaml";

  /** The keepalived static pod manifest. */
  public static final String KEEPALIVED_MANIFEST = MANIFESTS_DIR + "/keepalived.yaml";

  /** haproxy's configuration on the node. */
  public static final String HAPROXY_CONFIG = "/etc/haproxy/haproxy.cfg";

  /** keepalived's configuration on the node. */
  public static final String KEEPALIVED_CONFIG = "/etc/keepalived/keepalived.conf";

  /** The health script keepalived runs; the same path on the node and inside the pod. */
  public static final String CHECK_APISERVER_SCRIPT = "/etc/keepalived/check_apiserver.sh";

  /** The kube-vip static pod manifest. */
  public static final String KUBE_VIP_MANIFEST = MANIFESTS_DIR + "/kube-vip.yaml";

  /**
   * The sysctl drop-in that lets haproxy bind the virtual IP on a node that does not hold it.
   * systemd-sysctl reads {@code /etc/sysctl.d} at boot.
   */
  public static final String NONLOCAL_BIND_SYSCTL = "/etc/sysctl.d/60-apiserver-vip.conf";

  /** The kubeconfig kubeadm writes for the cluster admin on every control plane. */
  public static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";

  /**
   * The kubeconfig that {@code kubeadm init} writes from Kubernetes 1.29 on the first control plane
   * only: its user is in {@code system:masters}, which bypasses RBAC.
   */
  public static final String SUPER_ADMIN_CONF = "/etc/kubernetes/super-admin.conf";

  /** The kubeconfig kubelet uses after its TLS bootstrap. */
  public static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";

  /** The cluster CA certificate that {@code kubeadm init} uses instead of creating one. */
  public static final String CLUSTER_CA_CERT = "/etc/kubernetes/pki/ca.crt";

  /** The cluster CA private key. */
  public static final String CLUSTER_CA_KEY = "/etc/kubernetes/pki/ca.key";

  /** systemd's drop-in directory of the kubelet service. */
  public static final String KUBELET_DROP_IN_DIR = "/etc/systemd/system/kubelet.service.d";

  // NOTE: systemd also reads this file as a drop-in, because it ends in .conf, and skips its YAML
  // lines as invalid unit settings. The path is the one the kubeadm guide to an HA etcd cluster
  // uses.
  /** The KubeletConfiguration of an etcd host's kubelet, which runs static pods only. */
  public static final String ETCD_KUBELET_CONFIG = KUBELET_DROP_IN_DIR + "/kubelet.conf";

  /**
   * The drop-in that starts an etcd host's kubelet with {@link #ETCD_KUBELET_CONFIG}. Its name
   * sorts after kubeadm's {@code 10-kubeadm.conf}, so its {@code ExecStart} wins.
   */
  public static final String ETCD_KUBELET_DROP_IN =
      KUBELET_DROP_IN_DIR + "/20-etcd-service-manager.conf";

  private NodePaths() {}
}
