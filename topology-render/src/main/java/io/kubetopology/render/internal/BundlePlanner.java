package io.kubetopology.render.internal;

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
    if (runsKubeadm(node)) {
      files.add(
          BundleFile.secret(
              nodePath(node, NodePaths.KUBEADM_CONFIG),
              KubeadmConfigRenderer.renderMember(topology, node, secrets)));
    }
    files.addAll(access.nodeFiles(node));
    return files;
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
