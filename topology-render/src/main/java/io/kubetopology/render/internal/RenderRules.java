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
  private RenderRules() {}

  /** Returns the renderer's rules. */
  public static List<Rule> all() {
    return List.of(new KubernetesVersionRule(), new RoleRule());
  }

  /** Kubernetes versions outside the kubeadm API table cannot be rendered. */
  static final class KubernetesVersionRule implements Rule {
    @Override
    public String id() {
      return "KUBERNETES_VERSION_UNSUPPORTED";
    }

    @Override
    public String summary() {
      return "The Kubernetes version has a kubeadm configuration API this renderer writes";
    }

    @Override
    public Severity defaultSeverity() {
      return Severity.ERROR;
    }

    @Override
    public void check(ClusterTopology topology, FindingCollector findings) {
      try {
        KubeadmApiVersion.forVersion(topology.kubernetesVersion());
      } catch (IllegalArgumentException e) {
        findings.report(
            "kubernetesVersion",
            e.getMessage(),
            "choose a Kubernetes version from v1."
                + KubeadmApiVersion.MINIMUM_MINOR
                + ".0 on, such as v1.33.4.");
      }
    }
  }

  /** Dedicated etcd and load-balancer hosts are modelled but not rendered yet. */
  static final class RoleRule implements Rule {
    @Override
    public String id() {
      return "ROLE_NOT_RENDERED";
    }

    @Override
    public String summary() {
      return "Every node role is one the renderer writes files for";
    }

    @Override
    public Severity defaultSeverity() {
      return Severity.ERROR;
    }

    @Override
    public void check(ClusterTopology topology, FindingCollector findings) {
      for (Node node : topology.nodes()) {
        for (Role role : List.of(Role.ETCD, Role.LOAD_BALANCER)) {
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
}
