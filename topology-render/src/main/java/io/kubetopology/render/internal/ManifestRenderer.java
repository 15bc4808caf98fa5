package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.render.BundleFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code bundle.json}: what the bundle is for, and every other file with its SHA-256, mode
 * and whether it contains a secret, so that a pipeline can verify a copied bundle.
 */
final class ManifestRenderer {
  private ManifestRenderer() {}

  static String render(ClusterTopology topology, List<BundleFile> files) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", topology.name());
    root.put("libraryVersion", LibraryVersion.VERSION);
    root.put("kubernetesVersion", topology.kubernetesVersion().toString());
    root.put(
        "kubeadmApiVersion",
        KubeadmApiVersion.forVersion(topology.kubernetesVersion()).apiVersion());
    root.put("nodes", nodeEntries(topology));
    root.put("files", fileEntries(files));
    return Json.write(root);
  }

  private static List<Object> nodeEntries(ClusterTopology topology) {
    List<Object> entries = new ArrayList<>(topology.nodes().size());
    for (Node node : topology.nodes()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", node.name());
      entry.put("address", node.address().address().toString());
      entry.put("roles", node.roles().stream().map(Role::name).toList());
      entries.add(entry);
    }
    return entries;
  }

  private static List<Object> fileEntries(List<BundleFile> files) {
    Sha256 sha256 = new Sha256();
    List<Object> entries = new ArrayList<>(files.size());
    for (BundleFile file : files) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", file.path());
      entry.put("sha256", sha256.of(file.text()));
      entry.put("mode", file.modeText());
      entry.put("secret", file.containsSecret());
      entries.add(entry);
    }
    return entries;
  }

  /**
   * Hashes file texts, each text object once: the planner gives every node the same String for a
   * file that is the same on every node, such as the haproxy static pod.
   */
  private static final class Sha256 {
    private final MessageDigest digest = newDigest();
    private final Map<String, String> hashes = new IdentityHashMap<>();

    String of(String text) {
      String hash = hashes.get(text);
      if (hash == null) {
        hash = HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        hashes.put(text, hash);
      }
      return hash;
    }

    private static MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime provides SHA-256", e);
      }
    }
  }
}
