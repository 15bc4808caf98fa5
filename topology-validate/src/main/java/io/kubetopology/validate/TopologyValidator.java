package io.kubetopology.validate;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.validate.internal.StandardRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs a set of rules over a topology and collects every finding. Immutable and thread safe.
 *
 * <pre>{@code
 * ValidationReport report = TopologyValidator.standard().validate(topology);
 * report.throwIfErrors();
 *
 * TopologyValidator custom = TopologyValidator.builder()
 *     .addStandardRules()
 *     .addRule(new MyRule())
 *     .suppress("VIP_OUTSIDE_NODE_SUBNET", "the VIP is routed to the control planes")
 *     .build();
 * }</pre>
 */
public final class TopologyValidator {
  private final List<Rule> rules;
  private final Map<String, Severity> severities;
  private final List<Suppression> suppressions;

  private TopologyValidator(Builder builder) {
    this.rules = List.copyOf(builder.rules.values());
    this.severities = Map.copyOf(builder.severities);
    this.suppressions = List.copyOf(builder.suppressions);
  }

  /** Returns a validator that runs the standard rule catalogue. */
  public static TopologyValidator standard() {
    return builder().addStandardRules().build();
  }

  /** Starts an empty validator builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this validator's rules, severities and suppressions. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    rules.forEach(builder::addRule);
    builder.severities.putAll(severities);
    builder.suppressions.addAll(suppressions);
    return builder;
  }

  /** Returns the rules this validator runs, in the order they were added. */
  public List<Rule> rules() {
    return rules;
  }

  /** Runs every rule over {@code topology} and returns all findings that are not suppressed. */
  public ValidationReport validate(ClusterTopology topology) {
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : rules) {
      Severity severity = severities.getOrDefault(rule.id(), rule.defaultSeverity());
      rule.check(
          topology,
          (path, message, hint) ->
              findings.add(new Finding(rule.id(), severity, path, message, hint)));
    }
    findings.removeIf(finding -> suppressions.stream().anyMatch(s -> s.matches(finding)));
    return new ValidationReport(findings, suppressions);
  }

  /** Builds a {@link TopologyValidator}. */
  public static final class Builder {
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final List<Suppression> suppressions = new ArrayList<>();

    private Builder() {}

    /** Adds the standard rule catalogue. */
    public Builder addStandardRules() {
      StandardRules.all().forEach(this::addRule);
      return this;
    }

    /**
     * Adds a rule.
     *
     * @throws IllegalArgumentException if a rule with the same id is already added
     */
    public Builder addRule(Rule rule) {
      if (rules.putIfAbsent(rule.id(), rule) != null) {
        throw new IllegalArgumentException(
            "rule id '" + rule.id() + "' is already added: give each rule a unique id");
      }
      return this;
    }

    /**
     * Adds every rule that {@link ServiceLoader} finds for {@link Rule}. A jar on the class path
     * names its rule classes in {@code META-INF/services/io.kubetopology.validate.Rule}. A named
     * module declares {@code provides io.kubetopology.validate.Rule with ...} in its module-info
     * instead, because ServiceLoader ignores {@code META-INF/services} entries for classes in named
     * modules.
     *
     * @throws IllegalArgumentException if a loaded rule has the id of a rule already added
     */
    public Builder addServiceLoadedRules() {
      ServiceLoader.load(Rule.class).forEach(this::addRule);
      return this;
    }

    /** Reports the findings of rule {@code ruleId} at {@code severity} instead of its default. */
    public Builder severity(String ruleId, Severity severity) {
      severities.put(ruleId, severity);
      return this;
    }

    /**
     * Ignores rule {@code ruleId} everywhere; the report keeps the reason.
     *
     * @throws IllegalArgumentException if the rule id or the reason is blank
     */
    public Builder suppress(String ruleId, String reason) {
      suppressions.add(new Suppression(ruleId, Optional.empty(), reason));
      return this;
    }

    /**
     * Ignores rule {@code ruleId} at one model path, such as {@code nodes[cp-2].address}.
     *
     * @throws IllegalArgumentException if the rule id or the reason is blank
     */
    public Builder suppress(String ruleId, String path, String reason) {
      suppressions.add(new Suppression(ruleId, Optional.of(path), reason));
      return this;
    }

    /**
     * Builds the validator.
     *
     * @throws IllegalArgumentException if a severity override or suppression names a rule that was
     *     not added, since a mistyped id would otherwise change nothing
     */
    public TopologyValidator build() {
      severities.keySet().forEach(id -> checkKnown(id, "severity override"));
      suppressions.forEach(s -> checkKnown(s.ruleId(), "suppression"));
      return new TopologyValidator(this);
    }

    private void checkKnown(String ruleId, String setting) {
      if (!rules.containsKey(ruleId)) {
        throw new IllegalArgumentException(
            setting
                + " names unknown rule '"
                + ruleId
                + "': use the id of a rule added to this"
                + " validator, such as "
                + rules.keySet().stream().findFirst().orElse("none"));
      }
    }
  }
}
