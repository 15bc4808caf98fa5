package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.render.internal.KubeadmModel.Document;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@code /etc/kubernetes/kubeadm-config.yaml} for one node: InitConfiguration and
 * ClusterConfiguration on the first control plane, a JoinConfiguration on every other control plane
 * and worker, in the kubeadm API version of the topology's Kubernetes version. On an etcd host the
 * file contains the InitConfiguration and ClusterConfiguration that {@code kubeadm init phase etcd
 * local} reads.
 */
public final class KubeadmConfigRenderer {
  private static final String DOCUMENT_SEPARATOR = "---\n";

  private KubeadmConfigRenderer() {}

  /**
   * Renders the kubeadm configuration file of {@code node}: YAML documents separated by {@code ---}
   * lines, with LF line endings and a final newline. Equal inputs give equal text.
   *
   * @param secrets complete secrets, as {@link ClusterSecrets#completedWith} returns them
   * @throws IllegalArgumentException if the Kubernetes version is older than 1.27 or the node is
   *     not in the topology. Also if the node has none of the control-plane, worker and etcd roles,
   *     the topology has no control plane, or the bootstrap token or certificate key is missing.
   */
  public static String render(ClusterTopology topology, Node node, ClusterSecrets secrets) {
    return write(topology, KubeadmDocumentFactory.documentsFor(topology, node, secrets));
  }

  /**
   * Renders the file of {@code node}, which the caller took from {@code topology.nodes()}, as
   * {@link #render} does. It skips the check that the node is in the topology, which scans every
   * node and would make a whole bundle quadratic in the node count.
   */
  static String renderMember(ClusterTopology topology, Node node, ClusterSecrets secrets) {
    return write(topology, KubeadmDocumentFactory.memberDocumentsFor(topology, node, secrets));
  }

  private static String write(ClusterTopology topology, List<Document> documents) {
    KubeadmApiVersion version = KubeadmApiVersion.forVersion(topology.kubernetesVersion());
    return KubeadmYamlTrees.toTrees(documents, version).stream()
        .map(Yaml::write)
        .collect(Collectors.joining(DOCUMENT_SEPARATOR));
  }

  /**
   * Returns true if {@code node} runs {@code kubeadm init}: it is the first control plane in
   * topology order. Returns false for every node of a topology without a control plane.
   */
  public static boolean isInitNode(ClusterTopology topology, Node node) {
    return topology.controlPlanes().stream().findFirst().map(node::equals).orElse(false);
  }
}
