package io.kubetopology.validate.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.Node;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules on the cluster's identity, its nodes and its control-plane count. */
final class NodeRules {
  static final Rule CLUSTER_NAME_INVALID =
      new SimpleRule(
          "CLUSTER_NAME_INVALID",
          "The cluster name is a DNS-1123 label",
          Severity.ERROR,
          NodeRules::checkClusterName);

  static final Rule NODE_NAME_INVALID =
      new SimpleRule(
          "NODE_NAME_INVALID",
          "Node names are lowercase DNS-1123 subdomains, as kubeadm requires",
          Severity.ERROR,
          NodeRules::checkNodeNames);

  static final Rule NODE_NAME_DUPLICATE =
      new SimpleRule(
          "NODE_NAME_DUPLICATE",
          "No two nodes share a name",
          Severity.ERROR,
          NodeRules::checkDuplicateNames);

  static final Rule NODE_ADDRESS_DUPLICATE =
      new SimpleRule(
          "NODE_ADDRESS_DUPLICATE",
          "No two nodes share an address",
          Severity.ERROR,
          NodeRules::checkDuplicateAddresses);

  static final Rule NODE_LABEL_INVALID =
      new SimpleRule(
          "NODE_LABEL_INVALID",
          "Node label keys and values have the format Kubernetes accepts",
          Severity.ERROR,
          NodeRules::checkLabels);

  static final Rule CRI_SOCKET_INVALID =
      new SimpleRule(
          "CRI_SOCKET_INVALID",
          "The CRI socket is a unix:// URL with an absolute path",
          Severity.ERROR,
          NodeRules::checkCriSockets);

  static final Rule CONTROL_PLANE_MISSING =
      new SimpleRule(
          "CONTROL_PLANE_MISSING",
          "The topology has at least one control plane",
          Severity.ERROR,
          NodeRules::checkControlPlanePresent);

  static final Rule STACKED_ETCD_EVEN_MEMBERS =
      new SimpleRule(
          "STACKED_ETCD_EVEN_MEMBERS",
          "Stacked etcd runs on an odd number of control planes",
          Severity.ERROR,
          NodeRules::checkStackedMemberCount);

  static final Rule STACKED_ETCD_TOO_FEW_MEMBERS =
      new SimpleRule(
          "STACKED_ETCD_TOO_FEW_MEMBERS",
          "A highly available topology with stacked etcd has at least three control planes",
          Severity.WARNING,
          NodeRules::checkStackedMinimum);

  private NodeRules() {}

  static List<Rule> all() {
    return List.of(
        CLUSTER_NAME_INVALID,
        NODE_NAME_INVALID,
        NODE_NAME_DUPLICATE,
        NODE_ADDRESS_DUPLICATE,
        NODE_LABEL_INVALID,
        CRI_SOCKET_INVALID,
        CONTROL_PLANE_MISSING,
        STACKED_ETCD_EVEN_MEMBERS,
        STACKED_ETCD_TOO_FEW_MEMBERS);
  }

  private static void checkClusterName(ClusterTopology topology, FindingCollector findings) {
    if (!Names.isDns1123Label(topology.name())) {
      findings.report(
          "name",
          "cluster name '" + topology.name() + "' is not a DNS-1123 label.",
          "use at most 63 lowercase letters, digits and '-', starting and ending with a letter"
              + " or digit, such as prod-eu1.");
    }
  }

  private static void checkNodeNames(ClusterTopology topology, FindingCollector findings) {
    for (Node node : topology.nodes()) {
      if (!Names.isDns1123Subdomain(node.name())) {
        findings.report(
            Paths.node(node, "name"),
            "node name '" + node.name() + "' is not a lowercase DNS-1123 subdomain.",
            "use lowercase letters, digits, '-' and '.', starting and ending with a letter or"
                + " digit, such as cp-1.");
      }
    }
  }

  private static void checkDuplicateNames(ClusterTopology topology, FindingCollector findings) {
    Set<String> seen = new HashSet<>();
    for (Node node : topology.nodes()) {
      if (!seen.add(node.name())) {
        findings.report(
            Paths.node(node, "name"),
            "node name '" + node.name() + "' is used by more than one node.",
            "give every node its own name.");
      }
    }
  }

  private static void checkDuplicateAddresses(ClusterTopology topology, FindingCollector findings) {
    Map<IpAddress, String> owners = new HashMap<>();
    for (Node node : topology.nodes()) {
      IpAddress address = node.address().address();
      String owner = owners.putIfAbsent(address, node.name());
      if (owner != null) {
        findings.report(
            Paths.node(node, "address"),
            "address '"
                + address
                + "' of node '"
                + node.name()
                + "' is also the address of node '"
                + owner
                + "'.",
            "give every node its own address.");
      }
    }
  }

  private static void checkLabels(ClusterTopology topology, FindingCollector findings) {
    for (Node node : topology.nodes()) {
      node.labels().forEach((key, value) -> checkLabel(node, key, value, findings));
    }
  }

  private static void checkLabel(Node node, String key, String value, FindingCollector findings) {
    if (!Names.isLabelKey(key)) {
      findings.report(
          Paths.node(node, "labels"),
          "label key '" + key + "' of node '" + node.name() + "' is not a valid label key.",
          "use an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-',"
              + " '_' and '.', such as topology.kubernetes.io/zone.");
    } else if (!Names.isLabelValue(value)) {
      findings.report(
          Paths.node(node, "labels"),
          "label '"
              + key
              + "' of node '"
              + node.name()
              + "' has the invalid value '"
              + value
              + "'.",
          "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter"
              + " or digit.");
    }
  }

  private static void checkCriSockets(ClusterTopology topology, FindingCollector findings) {
    for (Node node : topology.nodes()) {
      String socket = node.criSocket();
      if (!socket.matches("unix:///[A-Za-z0-9_./-]+")) {
        findings.report(
            Paths.node(node, "criSocket"),
            "CRI socket '" + socket + "' of node '" + node.name() + "' is not a unix:// URL.",
            "use the runtime's socket URL, such as " + Node.DEFAULT_CRI_SOCKET + ".");
      }
    }
  }

  private static void checkControlPlanePresent(
      ClusterTopology topology, FindingCollector findings) {
    if (topology.controlPlanes().isEmpty()) {
      findings.report(
          "nodes",
          "the topology has no control-plane node, so no node can run kubeadm init.",
          "add a node with Role.CONTROL_PLANE, for example Node.controlPlane(\"cp-1\","
              + " \"10.0.0.11/24\").");
    }
  }

  private static void checkStackedMemberCount(ClusterTopology topology, FindingCollector findings) {
    int members = topology.controlPlanes().size();
    if (topology.etcd().kind() == EtcdTopology.Kind.STACKED && members > 0 && members % 2 == 0) {
      findings.report(
          "nodes",
          "stacked etcd has "
              + members
              + " members, one per control plane; "
              + explainQuorum(members),
          evenMembersHint(members));
    }
  }

  /**
   * Explains why an even member count is worse than the odd count below it. etcd needs a quorum of
   * {@code members / 2 + 1} members, so {@code 2k} members survive {@code k - 1} failures, the same
   * as {@code 2k - 1} members, while one more member can fail.
   */
  private static String explainQuorum(int members) {
    int quorum = members / 2 + 1;
    if (members == 2) {
      return "quorum is two of two, so etcd stops when either member fails, which is worse than"
          + " one member alone.";
    }
    int tolerated = members - quorum;
    return "quorum is "
        + quorum
        + " of "
        + members
        + ", so etcd survives "
        + tolerated
        + (tolerated == 1 ? " failed member" : " failed members")
        + ", no more than with "
        + (members - 1)
        + " members, while one more member can fail.";
  }

  private static String evenMembersHint(int members) {
    if (members == 2) {
      return "use an odd number of control planes, such as 3.";
    }
    return "use an odd number of control planes, such as "
        + (members - 1)
        + " or "
        + (members + 1)
        + ".";
  }

  /**
   * Warns when stacked etcd has fewer than three members although the topology is meant to be
   * highly available: it has more than one control plane or a virtual IP in front of them. With one
   * or two members, the loss of one control plane stops etcd.
   */
  private static void checkStackedMinimum(ClusterTopology topology, FindingCollector findings) {
    int members = topology.controlPlanes().size();
    boolean highlyAvailable = members > 1 || topology.apiEndpoint() instanceof HaproxyKeepalived;
    if (topology.etcd().kind() == EtcdTopology.Kind.STACKED
        && highlyAvailable
        && members > 0
        && members < 3) {
      findings.report(
          "nodes",
          "the topology is built for high availability but has "
              + members
              + (members == 1 ? " control plane" : " control planes")
              + " with stacked etcd, so etcd stops when one control plane fails.",
          "use at least three control planes, the smallest stacked etcd that survives the loss"
              + " of one.");
    }
  }
}
