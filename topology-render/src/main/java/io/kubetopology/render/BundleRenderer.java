package io.kubetopology.render;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.render.internal.BundlePlanner;
import io.kubetopology.render.internal.RenderRules;
import io.kubetopology.validate.TopologyValidationException;
import io.kubetopology.validate.TopologyValidator;
import io.kubetopology.validate.ValidationReport;
import java.security.SecureRandom;

/**
 * Validates a topology and renders its bundle. Stateless and thread safe: one renderer can render
 * many clusters from many threads.
 *
 * <pre>{@code
 * Bundle bundle = BundleRenderer.standard().render(topology);
 * for (BundleFile file : bundle.files()) {
 *   System.out.println(file.path());
 * }
 * }</pre>
 */
public final class BundleRenderer {
  private final TopologyValidator validator;

  // False only for the standard validator, which runs the guard rules at their default severity,
  // ERROR, without suppressions: its report already rejects every topology the guard would.
  private final boolean runsGuard;

  private BundleRenderer(TopologyValidator validator, boolean runsGuard) {
    this.validator = validator;
    this.runsGuard = runsGuard;
  }

  /**
   * Returns a renderer that validates with the standard rules plus the rules of what this renderer
   * supports (Kubernetes versions, roles).
   */
  public static BundleRenderer standard() {
    return new BundleRenderer(withRenderRules(TopologyValidator.standard()), false);
  }

  /**
   * Returns a renderer that validates with {@code validator}, for custom rules or suppressions. The
   * renderer's own rules are added to it, because a topology that breaks them cannot be rendered.
   */
  public static BundleRenderer withValidator(TopologyValidator validator) {
    return new BundleRenderer(withRenderRules(validator), true);
  }

  private static TopologyValidator withRenderRules(TopologyValidator validator) {
    TopologyValidator.Builder builder = validator.toBuilder();
    RenderRules.all().forEach(builder::addRule);
    return builder.build();
  }

  /** Validates {@code topology} with this renderer's rules, without rendering. */
  public ValidationReport validate(ClusterTopology topology) {
    return validator.validate(topology);
  }

  /**
   * Validates and renders {@code topology}. Secrets that the topology does not give are generated
   * with a new {@link SecureRandom}; {@link Bundle#secrets()} returns them.
   *
   * @throws TopologyValidationException if validation finds an error, or a string contains a
   *     character that would change the meaning of a rendered file. Nothing is rendered then, and
   *     the exception carries every finding.
   */
  public Bundle render(ClusterTopology topology) {
    return render(topology, new SecureRandom());
  }

  /**
   * Validates and renders {@code topology}, generating missing secrets from {@code random}.
   *
   * <p>haproxy.cfg, keepalived.conf, check_apiserver.sh and the runbook take names, interface names
   * and other strings as they are, without escaping. So after the caller's rules, the rules {@code
   * VALUE_UNSAFE_FOR_CONFIG} and {@code VRRP_PASSWORD_CHARACTERS} always run at ERROR, even when
   * this renderer's validator suppresses them or lowers their severity.
   *
   * @throws TopologyValidationException if validation finds an error, or a string contains a
   *     character that would change the meaning of a rendered file
   */
  public Bundle render(ClusterTopology topology, SecureRandom random) {
    ValidationReport report = validator.validate(topology);
    report.throwIfErrors();
    if (runsGuard) {
      RenderRules.guard().validate(topology).throwIfErrors();
    }
    ClusterSecrets secrets = topology.secrets().completedWith(random);
    return new Bundle(topology, secrets, report, BundlePlanner.plan(topology, secrets));
  }
}
