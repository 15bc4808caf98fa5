package io.kubetopology.render.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdMember;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.KubernetesVersion;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.render.BundleFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders {@code RUNBOOK.md}: the ordered steps that turn a bundle into a running cluster. It names
 * files and commands only; the secrets stay in the files that need them.
 */
final class RunbookRenderer {
  private final ClusterTopology topology;
  private final Map<String, List<BundleFile>> filesByNode;
  private final StringBuilder out = new StringBuilder();
  private int step;

  private RunbookRenderer(ClusterTopology topology, List<BundleFile> nodeFiles) {
    this.topology = topology;
    this.filesByNode = groupByNode(nodeFiles);
  }

  /**
   * Renders the runbook for {@code topology}, whose node files are {@code nodeFiles} (paths under
   * {@code nodes/}).
   */
  static String render(ClusterTopology topology, List<BundleFile> nodeFiles) {
    return new RunbookRenderer(topology, nodeFiles).render();
  }

  private String render() {
    Node first = topology.controlPlanes().get(0);
    List<Node> joiningControlPlanes =
        topology.controlPlanes().stream().filter(node -> !node.equals(first)).toList();
    appendOverview();
    appendPrerequisites();
    appendSteps(AccessRunbook.beforeInstall(topology));
    appendInstallSteps();
    appendSteps(AccessRunbook.afterInstall(topology));
    EtcdRunbookSteps.append(topology, first, out, this::heading);
    appendInit(first, !joiningControlPlanes.isEmpty());
    appendSteps(AccessRunbook.afterInit(topology));
    appendControlPlaneJoins(joiningControlPlanes);
    appendWorkerJoins();
    appendSteps(AccessRunbook.afterWorkerJoins(topology));
    appendAfterwards();
    return out.toString();
  }

  private void appendSteps(List<AccessRunbook.Step> steps) {
    for (AccessRunbook.Step accessStep : steps) {
      heading(accessStep.title());
      out.append(accessStep.body());
    }
  }

  private void heading(String title) {
    step++;
    out.append("## ").append(step).append(". ").append(title).append("\n\n");
  }

  private void appendOverview() {
    out.append("# Runbook for cluster ").append(topology.name()).append("\n\n");
    out.append("Kubernetes ")
        .append(topology.kubernetesVersion())
        .append(", kubeadm API ")
        .append(KubeadmApiVersion.forVersion(topology.kubernetesVersion()).apiVersion())
        .append(", ")
        .append(etcdDescription())
        .append(".\n");
    out.append(AccessRunbook.overview(topology));
    out.append('\n');
    out.append("Run every step as root. Files that contain a secret have mode 0600, and")
        .append(" `bundle.json` marks them.\n\n");
  }

  private void appendPrerequisites() {
    KubernetesVersion version = topology.kubernetesVersion();
    heading("Before you start");
    out.append("On every node that runs kubeadm:\n\n")
        .append("- kubeadm, kubelet and kubectl of Kubernetes ")
        .append(version.major())
        .append('.')
        .append(version.minor())
        .append(", at least ")
        .append(version)
        .append(" for kubeadm, since an older kubeadm refuses the version;\n")
        .append("- a container runtime listening on the node's CRI socket, set to the systemd")
        .append(" cgroup driver that kubelet uses (containerd: `SystemdCgroup = true`);\n")
        .append("- swap off and `net.ipv4.ip_forward = 1`, which kubeadm's preflight checks;\n");
    List<String> images = AccessRunbook.extraImages(topology);
    if (!images.isEmpty()) {
      out.append("- on networks without access to the registries, these images pulled in")
          .append(" advance, because `kubeadm config images pull` does not pull them: ")
          .append(images.stream().map(image -> "`" + image + "`").collect(Collectors.joining(", ")))
          .append(";\n");
    }
    appendEndpointResolution();
    out.append('\n');
  }

  /** Asks for a name to resolve when kubeadm and kubelet reach the apiservers by that name. */
  private void appendEndpointResolution() {
    Optional<ControlPlaneEndpoint> endpoint = topology.effectiveControlPlaneEndpoint();
    if (endpoint.isEmpty()
        || isAddress(endpoint.get().host())
        || topology.apiEndpoint() instanceof ExternalLoadBalancer) {
      return;
    }
    Node target = topology.controlPlanes().get(0);
    out.append("- `")
        .append(endpoint.get().host())
        .append("` resolving on every node, through DNS or a line in `/etc/hosts` such as `")
        .append(target.address().address())
        .append(' ')
        .append(endpoint.get().host())
        .append("`, since kubeadm and kubelet connect to the apiserver by that name.\n");
  }

  private static boolean isAddress(String host) {
    try {
      IpAddress.parse(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String etcdDescription() {
    return switch (topology.etcd().kind()) {
      case STACKED -> "stacked etcd (one member on every control plane)";
      case EXTERNAL ->
          topology.etcdMembers().isEmpty()
              ? "external etcd at " + String.join(", ", topology.etcdEndpoints())
              : "external etcd on "
                  + topology.etcdMembers().stream()
                      .map(EtcdMember::name)
                      .collect(Collectors.joining(", "));
    };
  }

  private void appendInstallSteps() {
    heading("Install the files");
    out.append("Copy each node's folder `nodes/<node>/` to that node only: the folders of other")
        .append(" nodes contain secrets this node does not need. Then, from the copied folder on")
        .append(" the node, install each file with its mode:\n\n```sh\n");
    for (Node node : topology.nodes()) {
      appendInstallCommands(node);
    }
    out.append("```\n\n");
    out.append(AccessRunbook.afterInstallNote(topology));
  }

  /** Groups files by the node whose folder contains them, in one pass, keeping their order. */
  private static Map<String, List<BundleFile>> groupByNode(List<BundleFile> nodeFiles) {
    int nameStart = BundlePlanner.NODES_FOLDER.length();
    Map<String, List<BundleFile>> groups = new HashMap<>();
    for (BundleFile file : nodeFiles) {
      String path = file.path();
      int nameEnd = path.indexOf('/', nameStart);
      if (path.startsWith(BundlePlanner.NODES_FOLDER) && nameEnd > nameStart) {
        String nodeName = path.substring(nameStart, nameEnd);
        groups.computeIfAbsent(nodeName, name -> new ArrayList<>()).add(file);
      }
    }
    return groups;
  }

  private void appendInstallCommands(Node node) {
    String prefix = BundlePlanner.nodePath(node, "");
    List<BundleFile> files = filesByNode.getOrDefault(node.name(), List.of());
    if (files.isEmpty()) {
      return;
    }
    out.append("# on ").append(node.name()).append(", in the folder that holds nodes/\n");
    for (BundleFile file : files) {
      String target = file.path().substring(prefix.length());
      out.append("install -D -o root -g root -m ")
          .append(file.modeText())
          .append(' ')
          .append(file.path())
          .append(' ')
          .append(target)
          .append('\n');
    }
  }

  private void appendInit(Node first, boolean othersJoin) {
    heading("Create the cluster on " + first.name());
    out.append("```sh\n");
    out.append("kubeadm init --config /etc/kubernetes/kubeadm-config.yaml");
    out.append(othersJoin ? " --upload-certs\n" : "\n");
    out.append("```\n\n");
    if (topology.secrets().clusterCa().isPresent()) {
      out.append("kubeadm uses the cluster CA in `")
          .append(NodePaths.CLUSTER_CA_CERT)
          .append("` and `")
          .append(NodePaths.CLUSTER_CA_KEY)
          .append("`, installed with the other files, instead of creating one.\n\n");
    }
    if (othersJoin) {
      out.append("`--upload-certs` stores the shared certificates, encrypted with the bundle's")
          .append(" certificate key, in the `kubeadm-certs` Secret. kubeadm deletes that Secret")
          .append(" after 2 hours, so join the other control planes within that time, or run")
          .append(" `kubeadm init phase upload-certs --upload-certs --config")
          .append(" /etc/kubernetes/kubeadm-config.yaml` on ")
          .append(first.name())
          .append(" again first.\n\n");
    }
    topology.effectiveControlPlaneEndpoint().ifPresent(this::appendEndpointCheck);
  }

  private void appendEndpointCheck(ControlPlaneEndpoint endpoint) {
    out.append("Check that the endpoint answers before joining anything:\n\n```sh\n");
    out.append("curl --insecure --fail https://").append(endpoint).append("/readyz\n```\n\n");
  }

  private void appendControlPlaneJoins(List<Node> joining) {
    if (joining.isEmpty()) {
      return;
    }
    heading("Join the other control planes, one at a time");
    if (topology.etcd().isExternal()) {
      out.append("Wait until each join has finished before starting the next, as the kubeadm")
          .append(" HA guide advises for external etcd.\n\n");
    } else {
      out.append("Wait until each join has finished before starting the next, so that etcd adds")
          .append(" one member at a time.\n\n");
    }
    appendJoinCommands(joining);
  }

  private void appendWorkerJoins() {
    List<Node> workers =
        topology.nodes().stream()
            .filter(node -> node.hasRole(Role.WORKER) && !node.isControlPlane())
            .toList();
    if (workers.isEmpty()) {
      return;
    }
    heading("Join the workers");
    out.append("Workers may join in any order and in parallel while the bootstrap token is")
        .append(" valid, 24 hours from `kubeadm init`. After that, create a new token with")
        .append(" `kubeadm token create` and put it into the workers' configuration.\n\n");
    appendJoinCommands(workers);
  }

  private void appendJoinCommands(List<Node> nodes) {
    out.append("```sh\n");
    for (Node node : nodes) {
      out.append("# on ").append(node.name()).append('\n');
      out.append("kubeadm join --config /etc/kubernetes/kubeadm-config.yaml\n");
    }
    out.append("```\n\n");
  }

  private void appendAfterwards() {
    heading("Afterwards");
    out.append("- Install a network plugin");
    List<Cidr> podSubnets = topology.networking().podSubnets();
    if (podSubnets.size() == 1) {
      out.append(" configured for the pod subnet ").append(podSubnets.get(0));
    } else if (!podSubnets.isEmpty()) {
      out.append(" configured for the pod subnets ")
          .append(podSubnets.stream().map(Cidr::toString).collect(Collectors.joining(" and ")));
    }
    out.append("; nodes stay NotReady until one runs.\n");
    out.append("- Once every node has joined, delete `/etc/kubernetes/kubeadm-config.yaml`")
        .append(" from every node: it contains the bootstrap token and the certificate key.")
        .append(" Deleting the file does not revoke the token: run `kubeadm token delete` with")
        .append(" the token's id, the part before the dot, on a control plane.\n");
    if (topology.controlPlanes().size() > 1) {
      out.append("- Once every control plane has joined, delete the uploaded certificates with")
          .append(" `kubectl -n kube-system delete secret kubeadm-certs` rather than waiting two")
          .append(" hours for kubeadm to do it.\n");
    }
    if (topology.secrets().clusterCa().isPresent()) {
      out.append("- The joins check the cluster CA against its public key pin (`caCertHashes`),")
          .append(" so a server that poses as the cluster is rejected.\n");
    } else {
      out.append("- The joins skip the check of the cluster CA's public key")
          .append(" (`unsafeSkipCAVerification`); run them on a network you trust.\n");
    }
    AccessRunbook.afterwardsNotes(topology).forEach(out::append);
  }
}
