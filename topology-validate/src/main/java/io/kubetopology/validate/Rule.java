package io.kubetopology.validate;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.validate.internal.SimpleRule;
import java.util.function.BiConsumer;

/**
 * One check of a topology. Rules are stateless and thread safe, and run in time linear or {@code n
 * log n} in the number of nodes.
 *
 * <p>Custom rules can be added with {@link TopologyValidator.Builder#addRule(Rule)} or provided
 * through {@link java.util.ServiceLoader} as implementations of this interface, which {@link
 * TopologyValidator.Builder#addServiceLoadedRules()} loads.
 */
public interface Rule {
  /** Returns the stable id, in upper snake case, that reports and suppressions use. */
  String id();

  /** Returns a one-line summary of what the rule checks. */
  String summary();

  /** Returns the severity of its findings unless the validator overrides it. */
  Severity defaultSeverity();

  /** Checks {@code topology} and reports every problem to {@code findings}. */
  void check(ClusterTopology topology, FindingCollector findings);

  /**
   * Creates a rule from its parts; {@code check} must be stateless and thread safe.
   *
   * <pre>{@code
   * Rule rule = Rule.of("CLUSTER_NAME_PREFIX", "Cluster names start with the team prefix",
   *     Severity.WARNING, (topology, findings) -> {
   *       if (!topology.name().startsWith("pay-")) {
   *         findings.report("name", "cluster name '" + topology.name() + "' lacks pay-.",
   *             "rename it to pay-" + topology.name() + ".");
   *       }
   *     });
   * }</pre>
   */
  static Rule of(
      String id,
      String summary,
      Severity defaultSeverity,
      BiConsumer<ClusterTopology, FindingCollector> check) {
    return new SimpleRule(id, summary, defaultSeverity, check);
  }
}
