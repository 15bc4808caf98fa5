package io.kubetopology.validate;

/**
 * Where a {@link Rule} reports its findings. The collector fills in the rule id and severity, so a
 * rule reports only the path, the problem and the fix.
 */
public interface FindingCollector {
  /**
   * Reports one finding.
   *
   * @param path the model path, such as {@code nodes[cp-2].address}
   * @param message what is wrong, quoting the offending value; never a secret
   * @param hint how to fix it
   */
  void report(String path, String message, String hint);
}
