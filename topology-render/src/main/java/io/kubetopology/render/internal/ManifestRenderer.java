package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.render.BundleFile;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@code bundle.json}: what the bundle is for, and every other file with its SHA-256, mode
 * and whether it holds a secret, so that a pipeline can verify a copied bundle.
 */
final class ManifestRenderer {
  private ManifestRenderer() {}

  static String render(ClusterTopology topology, List<BundleFile> files) {
    ObjectNode root = Json.object();
    root.put("name", topology.name());
    root.put("libraryVersion", LibraryVersion.VERSION);
    root.put("kubernetesVersion", topology.kubernetesVersion().toString());
    root.put(
        "kubeadmApiVersion",
        KubeadmApiVersion.forVersion(topology.kubernetesVersion()).apiVersion());
    addNodes(root.putArray("nodes"), topology);
    addFiles(root.putArray("files"), files);
    return Json.write(root);
  }

  private static void addNodes(ArrayNode array, ClusterTopology topology) {
    for (Node node : topology.nodes()) {
      ObjectNode entry = array.addObject();
      entry.put("name", node.name());
      entry.put("address", node.address().address().toString());
      ArrayNode roles = entry.putArray("roles");
      for (Role role : node.roles()) {
        roles.add(role.name());
      }
    }
  }

  private static void addFiles(ArrayNode array, List<BundleFile> files) {
    for (BundleFile file : files) {
      array
          .addObject()
          .put("path", file.path())
          .put("sha256", file.sha256())
          .put("mode", file.modeText())
          .put("secret", file.containsSecret());
    }
  }
}
