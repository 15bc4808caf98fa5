package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import io.kubetopology.validate.TopologyValidator;
import java.util.List;

/** Rules on what this renderer supports; the renderer adds them to every validator it uses. */
public final class RenderRules {
  static final Rule KUBERNETES_VERSION_UNSUPPORTED =
      Rule.of(
          "KUBERNETES_VERSION_UNSUPPORTED",
          "The Kubernetes version has a kubeadm configuration API this renderer writes",
          Severity.ERROR,
          RenderRules::checkVersion);

  static final Rule KUBERNETES_VERSION_NEWER_THAN_KNOWN =
      Rule.of(
          "KUBERNETES_VERSION_NEWER_THAN_KNOWN",
          "The Kubernetes version is no newer than the newest minor the kubeadm version table was"
              + " checked against",
          Severity.WARNING,
          RenderRules::checkVersionChecked);

  /**
   * The standard rules that {@link #guard()} runs on every render, whatever the caller's validator
   * suppresses or downgrades: the ones that keep syntax characters out of rendered files, and the
   * ones without which a file cannot be rendered at all.
   */
  static final List<String> GUARD_RULE_IDS =
      List.of(
          "VALUE_UNSAFE_FOR_CONFIG",
          "VRRP_PASSWORD_CHARACTERS",
          "VRRP_PASSWORD_TOO_LONG",
          "CONTROL_PLANE_MISSING",
          "VRRP_INTERFACE_MISSING",
          "VIP_OUTSIDE_NODE_SUBNET");

  private static final TopologyValidator GUARD = createGuard();

  private RenderRules() {}

  /** Returns the renderer's rules. */
  public static List<Rule> all() {
    return List.of(KUBERNETES_VERSION_UNSUPPORTED, KUBERNETES_VERSION_NEWER_THAN_KNOWN);
  }

  /**
   * Returns a validator of the rules in {@link #GUARD_RULE_IDS} and the supported-version rule, at
   * their default severity and without suppressions. Most renderers write strings into files
   * without escaping them, and some files cannot be written without an interface or a control
   * plane, so the bundle renderer runs this validator after the caller's and rejects the topology
   * on any error.
   */
  public static TopologyValidator guard() {
    return GUARD;
  }

  private static TopologyValidator createGuard() {
    TopologyValidator.Builder builder = TopologyValidator.builder();
    for (String id : GUARD_RULE_IDS) {
      builder.addRule(standardRule(id));
    }
    builder.addRule(KUBERNETES_VERSION_UNSUPPORTED);
    return builder.build();
  }

  private static Rule standardRule(String id) {
    return TopologyValidator.standard().rules().stream()
        .filter(rule -> rule.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "standard rule '" + id + "' is missing: the render guard needs it"));
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

  private static void checkVersionChecked(ClusterTopology topology, FindingCollector findings) {
    if (KubeadmApiVersion.isNewerThanChecked(topology.kubernetesVersion())) {
      findings.report(
          "kubernetesVersion",
          "Kubernetes version '"
              + topology.kubernetesVersion()
              + "' is newer than v1."
              + KubeadmApiVersion.NEWEST_CHECKED_MINOR
              + ", the newest minor whose kubeadm configuration API this renderer was checked"
              + " against; it writes "
              + KubeadmApiVersion.forVersion(topology.kubernetesVersion()).apiVersion()
              + " regardless.",
          "read the kubeadm release notes of v1."
              + topology.kubernetesVersion().minor()
              + " for configuration API changes before using the bundle, or choose a v1."
              + KubeadmApiVersion.NEWEST_CHECKED_MINOR
              + " release.");
    }
  }
}
