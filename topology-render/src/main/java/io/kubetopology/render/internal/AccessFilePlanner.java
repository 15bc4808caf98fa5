package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.render.BundleFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Decides which files of the API endpoint access each node needs, and renders them. One planner
 * serves one bundle: a file whose text is the same on every node that gets it (the haproxy and
 * keepalived static pods, haproxy.cfg of the load balancer, the workers' local proxy) is rendered
 * once, and every node's {@link BundleFile} shares that text.
 */
final class AccessFilePlanner {
  private final ClusterTopology topology;
  private final ClusterSecrets secrets;
  private final Map<String, String> sharedTexts = new HashMap<>();

  AccessFilePlanner(ClusterTopology topology, ClusterSecrets secrets) {
    this.topology = topology;
    this.secrets = secrets;
  }

  /** Renders the load-balancer, kube-vip and local-proxy files of {@code node}. */
  List<BundleFile> nodeFiles(Node node) {
    List<BundleFile> files = new ArrayList<>();
    if (topology.apiEndpoint() instanceof HaproxyKeepalived lb && holdsVirtualIp(lb, node)) {
      files.addAll(loadBalancerFiles(lb, node));
    }
    if (topology.apiEndpoint() instanceof KubeVip kubeVip && node.isControlPlane()) {
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.KUBE_VIP_MANIFEST),
              StaticPodRenderer.toYaml(KubeVipPodRenderer.render(topology, kubeVip, node))));
    }
    OptionalInt proxyPort = topology.apiEndpoint().workerLocalProxyPort();
    if (proxyPort.isPresent() && runsWorkerProxy(node)) {
      files.addAll(workerProxyFiles(node, proxyPort.getAsInt()));
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

  private List<BundleFile> loadBalancerFiles(HaproxyKeepalived lb, Node node) {
    List<BundleFile> files = new ArrayList<>();
    if (lb.placement() == HaproxyKeepalived.Placement.STATIC_PODS) {
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.HAPROXY_MANIFEST),
              shared(
                  "haproxy pod",
                  () -> StaticPodRenderer.toYaml(StaticPodRenderer.haproxy(topology, lb)))));
      files.add(
          BundleFile.readable(
              BundlePlanner.nodePath(node, NodePaths.KEEPALIVED_MANIFEST),
              shared(
                  "keepalived pod",
                  () -> StaticPodRenderer.toYaml(StaticPodRenderer.keepalived(topology, lb)))));
    }
    files.add(
        BundleFile.readable(
            BundlePlanner.nodePath(node, NodePaths.HAPROXY_CONFIG),
            shared("haproxy.cfg", () -> HaproxyConfigRenderer.render(topology, lb))));
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

  /**
   * Returns the local proxy's files of {@code worker}. Both depend on the worker only through its
   * address family, which picks the loopback address, so workers of one family share the texts.
   */
  private List<BundleFile> workerProxyFiles(Node worker, int port) {
    String family = worker.address().address().isIpv4() ? "IPv4" : "IPv6";
    return List.of(
        BundleFile.readable(
            BundlePlanner.nodePath(worker, NodePaths.HAPROXY_MANIFEST),
            shared(
                "worker proxy pod " + family,
                () ->
                    StaticPodRenderer.toYaml(
                        StaticPodRenderer.workerProxy(topology, worker, port)))),
        BundleFile.readable(
            BundlePlanner.nodePath(worker, NodePaths.HAPROXY_CONFIG),
            shared(
                "worker proxy haproxy.cfg " + family,
                () -> HaproxyConfigRenderer.renderWorkerProxy(topology, worker, port))));
  }

  /** Returns the text stored under {@code key}, rendering it on first use. */
  private String shared(String key, Supplier<String> renderer) {
    String text = sharedTexts.get(key);
    if (text == null) {
      text = renderer.get();
      sharedTexts.put(key, text);
    }
    return text;
  }
}
