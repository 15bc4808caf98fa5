package io.kubetopology.validate;

import io.kubetopology.api.ClusterTopology;

/**
 * A site rule that test resources register in {@code META-INF/services}, the way a jar on the class
 * path provides a rule. {@link java.util.ServiceLoader} needs it public with a public no-argument
 * constructor.
 */
public final class ClusterNamePrefixRule implements Rule {
  /** The id this rule reports under. */
  public static final String ID = "CLUSTER_NAME_PREFIX";

  /** Creates the rule; {@link java.util.ServiceLoader} calls this. */
  public ClusterNamePrefixRule() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String summary() {
    return "Cluster names start with the site prefix pay-";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public void check(ClusterTopology topology, FindingCollector findings) {
    if (!topology.name().startsWith("pay-")) {
      findings.report(
          "name",
          "cluster name '" + topology.name() + "' lacks the site prefix pay-.",
          "rename the cluster to pay-" + topology.name() + ".");
    }
  }
}
