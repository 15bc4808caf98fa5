package io.kubetopology.validate;

/** Thrown when a topology has errors; carries the whole report, so every problem is visible. */
public final class TopologyValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ValidationReport report;

  /** Creates the exception for a report that contains at least one error. */
  public TopologyValidationException(ValidationReport report) {
    super("topology has " + report.count(Severity.ERROR) + " error(s):\n" + report.toText());
    this.report = report;
  }

  /** Returns the full report. */
  public ValidationReport report() {
    return report;
  }
}
