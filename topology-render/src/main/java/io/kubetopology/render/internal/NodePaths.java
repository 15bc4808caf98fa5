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

  private NodePaths() {}
}
