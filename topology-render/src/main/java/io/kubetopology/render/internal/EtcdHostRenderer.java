package io.kubetopology.render.internal;

import io.kubetopology.api.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the kubelet files of an etcd host, as the kubeadm guide to an HA etcd cluster sets them
 * up: a KubeletConfiguration for a kubelet that runs the static pods in {@code
 * /etc/kubernetes/manifests} without joining a cluster, and the systemd drop-in that starts kubelet
 * with it.
 */
final class EtcdHostRenderer {
  /** kubelet's configuration API version, read by every kubelet this library supports. */
  static final String KUBELET_API_VERSION = "kubelet.config.k8s.io/v1beta1";

  private EtcdHostRenderer() {}

  /**
   * Renders the KubeletConfiguration: no anonymous or webhook authentication, every request
   * allowed, the API served on 127.0.0.1 only, the systemd cgroup driver, and the node's CRI
   * socket.
   */
  static String kubeletConfiguration(Node node) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", KUBELET_API_VERSION);
    tree.put("kind", "KubeletConfiguration");
    tree.put("authentication", authentication());
    tree.put("authorization", Map.of("mode", "AlwaysAllow"));
    // The kubeadm guide writes systemd, kubeadm's default since 1.22; the container runtime must
    // use the same cgroup driver.
    tree.put("cgroupDriver", "systemd");
    tree.put("address", "127.0.0.1");
    tree.put("containerRuntimeEndpoint", node.criSocket());
    tree.put("staticPodPath", NodePaths.MANIFESTS_DIR);
    return Yaml.write(tree);
  }

  /** Renders the drop-in that replaces kubeadm's {@code ExecStart} for the kubelet service. */
  static String serviceDropIn() {
    return "# Runs kubelet for the etcd static pod only, with "
        + NodePaths.ETCD_KUBELET_CONFIG
        + ".\n"
        + "[Service]\n"
        + "ExecStart=\n"
        + "ExecStart=/usr/bin/kubelet --config="
        + NodePaths.ETCD_KUBELET_CONFIG
        + "\n"
        + "Restart=always\n";
  }

  private static Map<String, Object> authentication() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("anonymous", Map.of("enabled", false));
    tree.put("webhook", Map.of("enabled", false));
    return tree;
  }
}
