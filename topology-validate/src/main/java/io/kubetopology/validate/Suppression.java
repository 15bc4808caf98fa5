package io.kubetopology.validate;

import java.util.Optional;

/**
 * A decision to ignore a rule, everywhere or at one model path, with the reason the report keeps.
 *
 * @param ruleId the rule to ignore
 * @param path the model path to ignore it at, or empty for everywhere
 * @param reason why it is safe to ignore
 */
public record Suppression(String ruleId, Optional<String> path, String reason) {
  /** Checks that the rule id and the reason are given. */
  public Suppression {
    if (ruleId.isBlank()) {
      throw new IllegalArgumentException(
          "suppression needs a rule id such as VIP_OUTSIDE_NODE_SUBNET");
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException(
          "suppression of '" + ruleId + "' needs a reason: say why the finding is safe to ignore");
    }
  }

  boolean matches(Finding finding) {
    return finding.ruleId().equals(ruleId) && path.map(finding.path()::equals).orElse(true);
  }
}
