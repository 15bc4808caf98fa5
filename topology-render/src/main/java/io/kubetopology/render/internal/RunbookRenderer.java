package io.kubetopology.render.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders {@code RUNBOOK.md}: the ordered steps that turn a bundle into a running cluster. It names
 * files and commands only; the secrets stay in the files that need them.
 */
final class RunbookRenderer {
  private RunbookRenderer() {}

  static String render(ClusterTopology topology) {
    StringBuilder out = new StringBuilder();
    Node first = topology.controlPlanes().get(0);
    appendOverview(out, topology);
    appendCopySteps(out, topology);
    appendInit(out, topology, first);
    appendControlPlaneJoins(out, topology, first);
    appendWorkerJoins(out, topology);
    appendAfterwards(out, topology);
    return out.toString();
  }

  private static void appendOverview(StringBuilder out, ClusterTopology topology) {
    out.append("# Runbook for cluster ").append(topology.name()).append("\n\n");
    out.append("Kubernetes ")
        .append(topology.kubernetesVersion())
        .append(", kubeadm API ")
        .append(KubeadmApiVersion.forVersion(topology.kubernetesVersion()).apiVersion())
        .append(", ")
        .append(etcdDescription(topology))
        .append(".\n");
    Optional<ControlPlaneEndpoint> endpoint = topology.effectiveControlPlaneEndpoint();
    if (topology.apiEndpoint() instanceof HaproxyKeepalived lb) {
      out.append("Clients reach the apiservers at `")
          .append(endpoint.orElseThrow())
          .append("`: keepalived holds the virtual IP ")
          .append(lb.virtualIp())
          .append(" on one control plane and haproxy there forwards to every apiserver on port ")
          .append(topology.apiServerPort())
          .append(".\n");
    } else if (endpoint.isPresent()) {
      out.append("Clients reach the apiserver at `").append(endpoint.get()).append("`.\n");
    } else {
      out.append("Clients reach the apiserver of ")
          .append(topology.controlPlanes().get(0).name())
          .append(" directly; the cluster has no load balancer.\n");
    }
    out.append('\n');
    out.append("Run every step as root. Files that hold a secret (kubeadm-config.yaml,")
        .append(" keepalived.conf) have mode 0600; `bundle.json` lists them.\n\n");
  }

  private static String etcdDescription(ClusterTopology topology) {
    return switch (topology.etcd().kind()) {
      case STACKED -> "stacked etcd (one member on every control plane)";
      case EXTERNAL -> "external etcd at " + String.join(", ", topology.etcd().endpoints());
    };
  }

  private static void appendCopySteps(StringBuilder out, ClusterTopology topology) {
    out.append("## 1. Copy the files\n\n");
    out.append("Before running kubeadm anywhere, copy each node's folder onto the root of that")
        .append(" node, keeping the modes, owned by root:\n\n```sh\n");
    for (Node node : topology.nodes()) {
      out.append("# on ").append(node.name()).append(", from a copy of this bundle\n");
      out.append("cp -r --preserve=mode nodes/").append(node.name()).append("/. /\n");
    }
    out.append("```\n\n");
    if (topology.apiEndpoint() instanceof HaproxyKeepalived) {
      out.append("The control planes then hold the haproxy and keepalived static pods in")
          .append(" `/etc/kubernetes/manifests`; kubelet starts them as soon as it runs, and")
          .append(" the virtual IP comes up with the first apiserver.\n\n");
    }
  }

  private static void appendInit(StringBuilder out, ClusterTopology topology, Node first) {
    out.append("## 2. Create the cluster on ").append(first.name()).append("\n\n```sh\n");
    out.append("kubeadm init --config /etc/kubernetes/kubeadm-config.yaml --upload-certs\n");
    out.append("```\n\n");
    out.append("`--upload-certs` stores the shared certificates, encrypted with the bundle's")
        .append(" certificate key, in the `kubeadm-certs` Secret. kubeadm deletes that Secret")
        .append(" after 2 hours, so join the other control planes within that time, or run")
        .append(" `kubeadm init phase upload-certs --upload-certs --config")
        .append(" /etc/kubernetes/kubeadm-config.yaml` on ")
        .append(first.name())
        .append(" again first.\n\n");
    topology
        .effectiveControlPlaneEndpoint()
        .ifPresent(endpoint -> appendEndpointCheck(out, endpoint));
  }

  private static void appendEndpointCheck(StringBuilder out, ControlPlaneEndpoint endpoint) {
    out.append("Check that the endpoint answers before joining anything:\n\n```sh\n");
    out.append("curl --insecure --fail https://").append(endpoint).append("/readyz\n```\n\n");
  }

  private static void appendControlPlaneJoins(
      StringBuilder out, ClusterTopology topology, Node first) {
    List<Node> joining =
        topology.controlPlanes().stream().filter(node -> !node.equals(first)).toList();
    if (!joining.isEmpty()) {
      out.append("## 3. Join the other control planes, one at a time\n\n");
      out.append("Wait until each join has finished before starting the next, so that etcd adds")
          .append(" one member at a time.\n\n");
      appendJoinCommands(out, joining);
    }
  }

  private static void appendWorkerJoins(StringBuilder out, ClusterTopology topology) {
    List<Node> workers =
        topology.nodes().stream()
            .filter(node -> node.hasRole(Role.WORKER) && !node.isControlPlane())
            .toList();
    if (!workers.isEmpty()) {
      out.append("## 4. Join the workers\n\n");
      out.append("Workers may join in any order and in parallel, within 24 hours of `kubeadm")
          .append(" init`, while the bootstrap token is valid.\n\n");
      appendJoinCommands(out, workers);
    }
  }

  private static void appendJoinCommands(StringBuilder out, List<Node> nodes) {
    out.append("```sh\n");
    for (Node node : nodes) {
      out.append("# on ").append(node.name()).append('\n');
      out.append("kubeadm join --config /etc/kubernetes/kubeadm-config.yaml\n");
    }
    out.append("```\n\n");
  }

  private static void appendAfterwards(StringBuilder out, ClusterTopology topology) {
    out.append("## 5. Afterwards\n\n");
    out.append("- Install a network plugin");
    List<Cidr> podSubnets = topology.networking().podSubnets();
    if (podSubnets.size() == 1) {
      out.append(" configured for the pod subnet ").append(podSubnets.get(0));
    } else if (!podSubnets.isEmpty()) {
      out.append(" configured for the pod subnets ")
          .append(podSubnets.stream().map(Cidr::toString).collect(Collectors.joining(" and ")));
    }
    out.append("; nodes stay NotReady until one runs.\n");
    out.append("- Delete `/etc/kubernetes/kubeadm-config.yaml` from every node once it has")
        .append(" joined: it holds the bootstrap token and the certificate key.\n");
    out.append("- The joins skip the check of the cluster CA's public key")
        .append(" (`unsafeSkipCAVerification`); run them on a network you trust.\n");
  }
}
