package io.kubetopology.render.internal;

import io.kubetopology.api.CertificateAuthority;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.render.BundleFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which files each node needs and renders them, then adds the runbook and the manifest. The
 * topology must be valid; validation runs before planning.
 */
public final class BundlePlanner {
  /** The manifest's path inside a bundle. */
  public static final String MANIFEST = "bundle.json";

  /** The runbook's path inside a bundle. */
  public static final String RUNBOOK = "RUNBOOK.md";

  /** The folder inside a bundle that contains one folder per node. */
  static final String NODES_FOLDER = "nodes/";

  private BundlePlanner() {}

  /** Renders every file of the bundle, sorted by path. */
  public static List<BundleFile> plan(ClusterTopology topology, ClusterSecrets secrets) {
    List<BundleFile> files = new ArrayList<>();
    AccessFilePlanner access = new AccessFilePlanner(topology, secrets);
    for (Node node : topology.nodes()) {
      files.addAll(nodeFiles(topology, node, secrets, access));
    }
    files.sort(Comparator.comparing(BundleFile::path));
    files.add(BundleFile.readable(RUNBOOK, RunbookRenderer.render(topology, List.copyOf(files))));
    files.sort(Comparator.comparing(BundleFile::path));
    List<BundleFile> withManifest = new ArrayList<>(files);
    withManifest.add(BundleFile.readable(MANIFEST, ManifestRenderer.render(topology, files)));
    withManifest.sort(Comparator.comparing(BundleFile::path));
    return List.copyOf(withManifest);
  }

  private static List<BundleFile> nodeFiles(
      ClusterTopology topology, Node node, ClusterSecrets secrets, AccessFilePlanner access) {
    List<BundleFile> files = new ArrayList<>();
    if (node.hasRole(Role.ETCD)) {
      return etcdHostFiles(topology, node, secrets);
    }
    if (runsKubeadm(node)) {
      files.add(
          BundleFile.secret(
              nodePath(node, NodePaths.KUBEADM_CONFIG),
              KubeadmConfigRenderer.renderMember(topology, node, secrets)));
    }
    if (KubeadmConfigRenderer.isInitNode(topology, node)) {
      secrets.clusterCa().ifPresent(ca -> files.addAll(clusterCaFiles(node, ca)));
    }
    files.addAll(access.nodeFiles(node));
    return files;
  }

  /**
   * Returns an etcd host's files. Its kubeadm configuration contains no secret, so it is readable,
   * like the kubelet files.
   */
  private static List<BundleFile> etcdHostFiles(
      ClusterTopology topology, Node node, ClusterSecrets secrets) {
    return List.of(
        BundleFile.readable(
            nodePath(node, NodePaths.KUBEADM_CONFIG),
            KubeadmConfigRenderer.render(topology, node, secrets)),
        BundleFile.readable(
            nodePath(node, NodePaths.ETCD_KUBELET_CONFIG),
            EtcdHostRenderer.kubeletConfiguration(node)),
        BundleFile.readable(
            nodePath(node, NodePaths.ETCD_KUBELET_DROP_IN), EtcdHostRenderer.serviceDropIn()));
  }

  /** Returns the cluster CA files that {@code kubeadm init} finds and uses on the init node. */
  private static List<BundleFile> clusterCaFiles(Node node, CertificateAuthority ca) {
    return List.of(
        BundleFile.readable(
            nodePath(node, NodePaths.CLUSTER_CA_CERT), withLfLineEnds(ca.certificatePem())),
        BundleFile.secret(
            nodePath(node, NodePaths.CLUSTER_CA_KEY), withLfLineEnds(ca.privateKeyPem().reveal())));
  }

  /** Returns PEM text with LF line ends and one final newline, as every bundle file has. */
  private static String withLfLineEnds(String pem) {
    return pem.replace("\r\n", "\n").strip() + "\n";
  }

  /** Returns true for the nodes that run kubeadm: control planes and workers. */
  static boolean runsKubeadm(Node node) {
    return node.hasRole(Role.CONTROL_PLANE) || node.hasRole(Role.WORKER);
  }

  /** Returns the bundle path of the file a node needs at {@code absolutePath}. */
  public static String nodePath(Node node, String absolutePath) {
    return NODES_FOLDER + node.name() + absolutePath;
  }
}
