package io.kubetopology.validate;

import io.kubetopology.validate.internal.Text;
import java.util.Comparator;

/**
 * One problem found in a topology.
 *
 * @param ruleId the stable id of the rule that found it, such as {@code
 *     LB_PORT_COLLIDES_WITH_APISERVER}
 * @param severity how serious it is
 * @param path where in the model, such as {@code nodes[cp-2].address} or {@code
 *     apiEndpoint.virtualIp}
 * @param message what is wrong, quoting the offending value (never a secret)
 * @param hint how to fix it
 */
public record Finding(String ruleId, Severity severity, String path, String message, String hint) {
  /** The report order: severity, then path, then rule id, then message. */
  public static final Comparator<Finding> REPORT_ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::path)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  /**
   * Returns the finding as one line: {@code ERROR RULE_ID at PATH: message. Fix: hint}. Line breaks
   * and other control characters that a quoted value brings in are escaped, such as a line feed as
   * {@code \n}, so that no value can add a line to a report.
   */
  @Override
  public String toString() {
    return Text.escape(severity + " " + ruleId + " at " + path + ": " + message + " Fix: " + hint);
  }
}
