package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.List;

/** Rules on what this renderer supports; the renderer adds them to every validator it uses. */
public final class RenderRules {
  static final Rule KUBERNETES_VERSION_UNSUPPORTED =
      Rule.of(
          "KUBERNETES_VERSION_UNSUPPORTED",
          "The Kubernetes version has a kubeadm configuration API this renderer writes",
          Severity.ERROR,
          RenderRules::checkVersion);

  static final Rule ROLE_NOT_RENDERED =
      Rule.of(
          "ROLE_NOT_RENDERED",
          "Every node role is one the renderer writes files for",
          Severity.ERROR,
          RenderRules::checkRoles);

  private RenderRules() {}

  /** Returns the renderer's rules. */
  public static List<Rule> all() {
    return List.of(KUBERNETES_VERSION_UNSUPPORTED, ROLE_NOT_RENDERED);
  }

  private static void checkVersion(ClusterTopology topology, FindingCollector findings) {
    if (!KubeadmApiVersion.isSupported(topology.kubernetesVersion())) {
      findings.report(
          "kubernetesVersion",
          "Kubernetes version '"
              + topology.kubernetesVersion()
              + "' has no kubeadm"
              + " configuration API that this renderer writes.",
          "choose a 1.x version from v1."
              + KubeadmApiVersion.MINIMUM_MINOR
              + ".0 on, such as v1.33.4.");
    }
  }

  /** Dedicated load-balancer hosts are modelled but get no files yet. */
  private static void checkRoles(ClusterTopology topology, FindingCollector findings) {
    for (Node node : topology.nodes()) {
      for (Role role : List.of(Role.LOAD_BALANCER)) {
        if (node.hasRole(role)) {
          findings.report(
              "nodes[" + node.name() + "].roles",
              "node '"
                  + node.name()
                  + "' has role "
                  + role
                  + ", for which this renderer"
                  + " writes no files yet.",
              "remove the role, or render that host's files by other means.");
        }
      }
    }
  }
}
