package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.render.BundleFile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Decides which files of the API endpoint access a node needs, and renders them. */
final class AccessFilePlanner {
  private AccessFilePlanner() {}

  /** Renders the load-balancer, kube-vip and local-proxy files of {@code node}. */
  static List<BundleFile> nodeFiles(ClusterTopology topology, Node node, ClusterSecrets secrets) {
    List<BundleFile> files = new ArrayList<>();
    if (topology.apiEndpoint() instanceof HaproxyKeepalived lb && holdsVirtualIp(lb, node)) {
      files.addAll(loadBalancerFiles(topology, lb, node, secrets));
    }
    if (topology.apiEndpoint() instanceof KubeVip kubeVip && node.isControlPlane()) {
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.KUBE_VIP_MANIFEST),
              StaticPodRenderer.toYaml(KubeVipPodRenderer.render(topology, kubeVip, node))));
    }
    OptionalInt proxyPort = topology.apiEndpoint().workerLocalProxyPort();
    if (proxyPort.isPresent() && runsWorkerProxy(node)) {
      files.addAll(workerProxyFiles(topology, node, proxyPort.getAsInt()));
    }
    return files;
  }

  /**
   * Returns true if {@code node} runs the workers' local proxy: a worker that is no control plane,
   * whose kubelet could otherwise use its own apiserver.
   */
  static boolean runsWorkerProxy(Node node) {
    return node.hasRole(Role.WORKER) && !node.isControlPlane();
  }

  /** Returns true if {@code node} may hold the VIP of {@code lb}, without scanning every node. */
  static boolean holdsVirtualIp(HaproxyKeepalived lb, Node node) {
    return lb.runsOnControlPlanes() ? node.isControlPlane() : node.hasRole(Role.LOAD_BALANCER);
  }

  private static List<BundleFile> loadBalancerFiles(
      ClusterTopology topology, HaproxyKeepalived lb, Node node, ClusterSecrets secrets) {
    List<BundleFile> files = new ArrayList<>();
    if (lb.placement() == HaproxyKeepalived.Placement.STATIC_PODS) {
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.HAPROXY_MANIFEST),
              StaticPodRenderer.toYaml(StaticPodRenderer.haproxy(topology, lb))));
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.KEEPALIVED_MANIFEST),
              StaticPodRenderer.toYaml(StaticPodRenderer.keepalived(topology, lb))));
    }
    files.add(
        BundleFile.readable(
            BundlePlanner.nodePath(node, NodePaths.HAPROXY_CONFIG),
            HaproxyConfigRenderer.render(topology, lb)));
    files.add(
        BundleFile.secret(
            BundlePlanner.nodePath(node, NodePaths.KEEPALIVED_CONFIG),
            KeepalivedConfigRenderer.render(topology, lb, node, secrets)));
    files.add(
        BundleFile.executable(
            BundlePlanner.nodePath(node, NodePaths.CHECK_APISERVER_SCRIPT),
            CheckApiserverScriptRenderer.render(topology, lb, node)));
    if (lb.bindToVirtualIp()) {
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.NONLOCAL_BIND_SYSCTL),
              NonlocalBindSysctlRenderer.render(topology, lb, node)));
    }
    return files;
  }

  private static List<BundleFile> workerProxyFiles(ClusterTopology topology, Node node, int port) {
    return List.of(
        BundleFile.readable(
            BundlePlanner.nodePath(node, NodePaths.HAPROXY_MANIFEST),
            StaticPodRenderer.toYaml(StaticPodRenderer.workerProxy(topology, node, port))),
        BundleFile.readable(
            BundlePlanner.nodePath(node, NodePaths.HAPROXY_CONFIG),
            HaproxyConfigRenderer.renderWorkerProxy(topology, node, port)));
  }
}
