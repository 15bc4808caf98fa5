package io.kubetopology.validate;

import io.kubetopology.api.ClusterTopology;

/**
 * One check of a topology. Rules are stateless and thread safe, and run in time linear or {@code n
 * log n} in the number of nodes.
 *
 * <p>Custom rules can be added with {@link TopologyValidator.Builder#addRule(Rule)} or provided
 * through {@link java.util.ServiceLoader} as implementations of this interface.
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
}
