package io.kubetopology.samples;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import io.kubetopology.validate.TopologyValidator;
import io.kubetopology.validate.ValidationReport;

/**
 * Validates the default sample topology with a site rule on top of the standard catalogue, and
 * prints the report. The site rule requires a zone label on every worker; one worker is exempt, and
 * the suppression records why.
 *
 * <p>Usage: {@code CustomRulesSample}; it exits with 1 when the report holds an error.
 */
public final class CustomRulesSample {
  /** The well-known label the scheduler spreads pods by. */
  static final String ZONE_LABEL = "topology.kubernetes.io/zone";

  /** A site rule, built from a function with {@link Rule#of}. */
  static final Rule WORKER_ZONE_LABEL =
      Rule.of(
          "WORKER_ZONE_LABEL",
          "Every worker has a " + ZONE_LABEL + " label",
          Severity.WARNING,
          CustomRulesSample::checkZoneLabels);

  private CustomRulesSample() {}

  /** Runs the program. */
  public static void main(String[] args) {
    ValidationReport report = validate(StackedHaSample.topology());
    System.out.print(report.toText());
    if (report.hasErrors()) {
      System.exit(1);
    }
  }

  /** Validates {@code topology} with the standard rules, the site rule and its suppression. */
  static ValidationReport validate(ClusterTopology topology) {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addStandardRules()
            .addRule(WORKER_ZONE_LABEL)
            // A suppression names the rule, optionally one model path, and the reason that the
            // report keeps.
            .suppress(
                "WORKER_ZONE_LABEL",
                "nodes[worker-2].labels",
                "worker-2 runs batch jobs that may share a zone")
            .build();
    return validator.validate(topology);
  }

  private static void checkZoneLabels(ClusterTopology topology, FindingCollector findings) {
    for (Node node : topology.nodes()) {
      if (node.hasRole(Role.WORKER) && !node.labels().containsKey(ZONE_LABEL)) {
        findings.report(
            "nodes[" + node.name() + "].labels",
            "worker '" + node.name() + "' has no " + ZONE_LABEL + " label.",
            "add putLabel(\"" + ZONE_LABEL + "\", ZONE) with the zone the worker runs in.");
      }
    }
  }
}
