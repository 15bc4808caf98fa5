package io.kubetopology.validate;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every finding of one validation run, in a stable order (severity, path, rule id), with the
 * suppressions that hid others.
 */
public final class ValidationReport {
  private final List<Finding> findings;
  private final List<Suppression> suppressions;

  ValidationReport(List<Finding> findings, List<Suppression> suppressions) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Finding.REPORT_ORDER);
    this.findings = List.copyOf(sorted);
    this.suppressions = List.copyOf(suppressions);
  }

  /** Returns every finding in report order. */
  public List<Finding> findings() {
    return findings;
  }

  /** Returns the suppressions that were in force, with their reasons. */
  public List<Suppression> suppressions() {
    return suppressions;
  }

  /** Returns the findings of {@code severity}, in report order. */
  public List<Finding> findings(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  /** Returns the number of findings of {@code severity}. */
  public int count(Severity severity) {
    return findings(severity).size();
  }

  /** Returns true if any finding is an error. */
  public boolean hasErrors() {
    return count(Severity.ERROR) > 0;
  }

  /**
   * Throws if the report contains an error.
   *
   * @throws TopologyValidationException carrying this whole report, if any finding is an error
   */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new TopologyValidationException(this);
    }
  }

  /**
   * Returns a readable text form: a count line, then one line per finding with its fix, then one
   * line per suppression.
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(count(Severity.ERROR))
        .append(" error(s), ")
        .append(count(Severity.WARNING))
        .append(" warning(s), ")
        .append(count(Severity.INFO))
        .append(" info\n");
    for (Finding finding : findings) {
      out.append(finding).append('\n');
    }
    for (Suppression suppression : suppressions) {
      out.append("suppressed ")
          .append(suppression.ruleId())
          .append(suppression.path().map(p -> " at " + p).orElse(""))
          .append(": ")
          .append(suppression.reason())
          .append('\n');
    }
    return out.toString();
  }

  /**
   * Returns the report as JSON for pipelines: {@code {"errors": N, "warnings": N, "infos": N,
   * "findings": [{"ruleId", "severity", "path", "message", "hint"}], "suppressions": [{"ruleId",
   * "path", "reason"}]}}, where a suppression without a path has {@code "path": null}.
   */
  public String toJson() {
    ObjectNode root = JsonWriter.MAPPER.createObjectNode();
    root.put("errors", count(Severity.ERROR));
    root.put("warnings", count(Severity.WARNING));
    root.put("infos", count(Severity.INFO));
    ArrayNode findingArray = root.putArray("findings");
    for (Finding finding : findings) {
      findingArray
          .addObject()
          .put("ruleId", finding.ruleId())
          .put("severity", finding.severity().name())
          .put("path", finding.path())
          .put("message", finding.message())
          .put("hint", finding.hint());
    }
    ArrayNode suppressionArray = root.putArray("suppressions");
    for (Suppression suppression : suppressions) {
      suppressionArray
          .addObject()
          .put("ruleId", suppression.ruleId())
          .put("path", suppression.path().orElse(null))
          .put("reason", suppression.reason());
    }
    return JsonWriter.WRITER.writeValueAsString(root) + "\n";
  }

  @Override
  public String toString() {
    return toText();
  }

  /**
   * The Jackson writer of {@link #toJson()}, in a class of its own because building a mapper loads
   * hundreds of classes: a validation that writes no JSON never loads them.
   */
  private static final class JsonWriter {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectWriter WRITER =
        MAPPER
            .writer()
            .with(
                new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  }
}
