package io.kubetopology.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TopologyValidatorTest {

  /** A rule that reports one finding at each of its paths, with texts derived from the path. */
  private record FixedRule(String id, Severity defaultSeverity, List<String> paths)
      implements Rule {
    FixedRule(String id, Severity defaultSeverity, String... paths) {
      this(id, defaultSeverity, List.of(paths));
    }

    @Override
    public String summary() {
      return "Reports a finding at each configured path";
    }

    @Override
    public void check(ClusterTopology topology, FindingCollector findings) {
      for (String path : paths) {
        findings.report(path, id + " found a problem at " + path + ".", "fix " + path + ".");
      }
    }
  }

  private static ClusterTopology topology() {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .secrets(ClusterSecrets.builder().clusterCa(TestCas.rsaCa()).build())
        .build();
  }

  private static Finding finding(String ruleId, Severity severity, String path) {
    return new Finding(
        ruleId, severity, path, ruleId + " found a problem at " + path + ".", "fix " + path + ".");
  }

  @Test
  void validate_collectsEveryFindingOfEveryRule() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("FIRST_RULE", Severity.ERROR, "nodes[cp-1].name", "name"))
            .addRule(new FixedRule("SECOND_RULE", Severity.ERROR, "networking.podSubnet"))
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.findings())
        .containsExactly(
            finding("FIRST_RULE", Severity.ERROR, "name"),
            finding("SECOND_RULE", Severity.ERROR, "networking.podSubnet"),
            finding("FIRST_RULE", Severity.ERROR, "nodes[cp-1].name"));
  }

  @Test
  void validate_collectsEveryStandardFinding() {
    ClusterTopology broken =
        topology()
            .withName("Prod_EU1")
            .withApiServerPort(8443)
            .withNetworking(
                Networking.builder().podSubnet("10.244.0.0/16").dnsDomain("Cluster.Local").build());

    ValidationReport report = TopologyValidator.standard().validate(broken);

    assertThat(report.findings())
        .extracting(Finding::ruleId)
        .containsExactly(
            "LB_PORT_COLLIDES_WITH_APISERVER", "CLUSTER_NAME_INVALID", "DNS_DOMAIN_INVALID");
  }

  @Test
  void validate_returnsEmptyReportForValidTopology() {
    ValidationReport report = TopologyValidator.standard().validate(topology());

    assertThat(report.findings()).isEmpty();
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.toText()).isEqualTo("0 error(s), 0 warning(s), 0 info\n");
  }

  @Test
  void suppress_hidesRuleEverywhereAndKeepsReason() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("NOISY_RULE", Severity.ERROR, "nodes[cp-1].name", "name"))
            .addRule(new FixedRule("OTHER_RULE", Severity.ERROR, "name"))
            .suppress("NOISY_RULE", "the rule does not apply to lab clusters")
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.findings()).containsExactly(finding("OTHER_RULE", Severity.ERROR, "name"));
    assertThat(report.suppressions())
        .containsExactly(
            new Suppression(
                "NOISY_RULE", Optional.empty(), "the rule does not apply to lab clusters"));
    assertThat(report.toText())
        .endsWith("suppressed NOISY_RULE: the rule does not apply to lab clusters\n");
  }

  @Test
  void suppress_hidesRuleAtOnePathOnly() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(
                new FixedRule(
                    "VIP_OUTSIDE_NODE_SUBNET",
                    Severity.ERROR,
                    "nodes[cp-1].address",
                    "nodes[cp-2].address"))
            .suppress(
                "VIP_OUTSIDE_NODE_SUBNET",
                "nodes[cp-2].address",
                "cp-2 reaches the VIP through a routed VLAN")
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.findings())
        .containsExactly(finding("VIP_OUTSIDE_NODE_SUBNET", Severity.ERROR, "nodes[cp-1].address"));
    assertThat(report.toText())
        .endsWith(
            "suppressed VIP_OUTSIDE_NODE_SUBNET at nodes[cp-2].address: cp-2 reaches the VIP"
                + " through a routed VLAN\n");
  }

  @Test
  void suppress_ofStandardRuleHidesItsFinding() {
    TopologyValidator validator =
        TopologyValidator.standard().toBuilder()
            .suppress("CLUSTER_NAME_INVALID", "name", "the name comes from a legacy inventory")
            .build();

    ValidationReport report = validator.validate(topology().withName("Prod_EU1"));

    assertThat(report.findings()).isEmpty();
    assertThat(report.suppressions()).hasSize(1);
  }

  @Test
  void suppress_rejectsBlankReason() {
    TopologyValidator.Builder builder = TopologyValidator.builder();

    assertThatThrownBy(() -> builder.suppress("NOISY_RULE", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "suppression of 'NOISY_RULE' needs a reason: say why the finding is safe to ignore");
  }

  @Test
  void suppress_rejectsBlankRuleId() {
    TopologyValidator.Builder builder = TopologyValidator.builder();

    assertThatThrownBy(() -> builder.suppress("", "name", "a reason"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suppression needs a rule id such as VIP_OUTSIDE_NODE_SUBNET");
  }

  @Test
  void severity_overridesDefault() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("STRICT_RULE", Severity.ERROR, "name"))
            .addRule(new FixedRule("OTHER_RULE", Severity.ERROR, "nodes"))
            .severity("STRICT_RULE", Severity.INFO)
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.findings())
        .containsExactly(
            finding("OTHER_RULE", Severity.ERROR, "nodes"),
            finding("STRICT_RULE", Severity.INFO, "name"));
    assertThat(report.count(Severity.INFO)).isEqualTo(1);
    assertThat(report.count(Severity.ERROR)).isEqualTo(1);
  }

  @Test
  void severity_warningPassesThrowIfErrors() {
    TopologyValidator validator =
        TopologyValidator.standard().toBuilder()
            .severity("CLUSTER_NAME_INVALID", Severity.WARNING)
            .build();

    ValidationReport report = validator.validate(topology().withName("Prod_EU1"));

    assertThat(report.findings(Severity.WARNING))
        .extracting(Finding::ruleId)
        .containsExactly("CLUSTER_NAME_INVALID");
    assertThat(report.hasErrors()).isFalse();
    report.throwIfErrors();
  }

  @Test
  void addRule_rejectsDuplicateId() {
    TopologyValidator.Builder builder =
        TopologyValidator.builder().addRule(new FixedRule("MY_RULE", Severity.ERROR, "name"));

    assertThatThrownBy(() -> builder.addRule(new FixedRule("MY_RULE", Severity.WARNING)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule id 'MY_RULE' is already added: give each rule a unique id");
  }

  @Test
  void addRule_rejectsIdOfStandardRule() {
    TopologyValidator.Builder builder = TopologyValidator.builder().addStandardRules();

    assertThatThrownBy(() -> builder.addRule(new FixedRule("SUBNETS_OVERLAP", Severity.INFO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule id 'SUBNETS_OVERLAP' is already added: give each rule a unique id");
  }

  @Test
  void addRule_runsCustomRuleAfterStandardRules() {
    Rule custom = new FixedRule("SITE_POLICY", Severity.WARNING, "nodes[worker-1].labels");
    TopologyValidator validator = TopologyValidator.standard().toBuilder().addRule(custom).build();

    ValidationReport report = validator.validate(topology());

    assertThat(validator.rules()).last().isSameAs(custom);
    assertThat(validator.rules()).hasSize(TopologyValidator.standard().rules().size() + 1);
    assertThat(report.findings())
        .containsExactly(finding("SITE_POLICY", Severity.WARNING, "nodes[worker-1].labels"));
  }

  @Test
  void findings_sortInReportOrder() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("B_INFO", Severity.INFO, "a.path"))
            .addRule(new FixedRule("Z_ERROR", Severity.ERROR, "b.path"))
            .addRule(new FixedRule("B_WARNING", Severity.WARNING, "a.path"))
            .addRule(new FixedRule("A_ERROR", Severity.ERROR, "b.path"))
            .addRule(new FixedRule("Y_ERROR", Severity.ERROR, "a.path"))
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.findings())
        .containsExactly(
            finding("Y_ERROR", Severity.ERROR, "a.path"),
            finding("A_ERROR", Severity.ERROR, "b.path"),
            finding("Z_ERROR", Severity.ERROR, "b.path"),
            finding("B_WARNING", Severity.WARNING, "a.path"),
            finding("B_INFO", Severity.INFO, "a.path"));
  }

  @Test
  void findings_filtersBySeverity() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("AN_ERROR", Severity.ERROR, "a.path", "b.path"))
            .addRule(new FixedRule("A_WARNING", Severity.WARNING, "c.path"))
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.findings(Severity.ERROR)).hasSize(2);
    assertThat(report.findings(Severity.WARNING))
        .containsExactly(finding("A_WARNING", Severity.WARNING, "c.path"));
    assertThat(report.findings(Severity.INFO)).isEmpty();
  }

  @Test
  void toText_listsCountsFindingsAndSuppressions() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("AN_ERROR", Severity.ERROR, "name"))
            .addRule(new FixedRule("A_WARNING", Severity.WARNING, "nodes"))
            .addRule(new FixedRule("HIDDEN", Severity.ERROR, "nodes"))
            .suppress("HIDDEN", "nodes", "checked by hand")
            .build();

    ValidationReport report = validator.validate(topology());

    assertThat(report.toText())
        .isEqualTo(
            "1 error(s), 1 warning(s), 0 info\n"
                + "ERROR AN_ERROR at name: AN_ERROR found a problem at name. Fix: fix name.\n"
                + "WARNING A_WARNING at nodes: A_WARNING found a problem at nodes. Fix: fix"
                + " nodes.\n"
                + "suppressed HIDDEN at nodes: checked by hand\n");
  }

  @Test
  void throwIfErrors_throwsWithWholeReport() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("AN_ERROR", Severity.ERROR, "name", "nodes"))
            .addRule(new FixedRule("A_WARNING", Severity.WARNING, "networking.dnsDomain"))
            .build();
    ValidationReport report = validator.validate(topology());

    assertThatThrownBy(report::throwIfErrors)
        .isInstanceOfSatisfying(
            TopologyValidationException.class,
            exception -> assertThat(exception.report()).isSameAs(report))
        .hasMessage(
            "topology has 2 error(s):\n"
                + "2 error(s), 1 warning(s), 0 info\n"
                + "ERROR AN_ERROR at name: AN_ERROR found a problem at name. Fix: fix name.\n"
                + "ERROR AN_ERROR at nodes: AN_ERROR found a problem at nodes. Fix: fix nodes.\n"
                + "WARNING A_WARNING at networking.dnsDomain: A_WARNING found a problem at"
                + " networking.dnsDomain. Fix: fix networking.dnsDomain.\n");
  }

  @Test
  void throwIfErrors_listsEveryStandardFinding() {
    ClusterTopology broken = topology().withName("Prod_EU1").withApiServerPort(8443);
    ValidationReport report = TopologyValidator.standard().validate(broken);

    assertThatThrownBy(report::throwIfErrors)
        .isInstanceOf(TopologyValidationException.class)
        .hasMessageContaining(report.findings().get(0).toString())
        .hasMessageContaining(report.findings().get(1).toString());
  }

  @Test
  void throwIfErrors_passesWithWarningsOnly() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("A_WARNING", Severity.WARNING, "nodes"))
            .addRule(new FixedRule("AN_INFO", Severity.INFO, "nodes"))
            .build();
    ValidationReport report = validator.validate(topology());

    report.throwIfErrors();

    assertThat(report.hasErrors()).isFalse();
  }

  @Test
  void toJson_containsCountsFindingsAndSuppressions() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(new FixedRule("AN_ERROR", Severity.ERROR, "name"))
            .addRule(new FixedRule("A_WARNING", Severity.WARNING, "nodes", "networking"))
            .addRule(new FixedRule("HIDDEN", Severity.ERROR, "nodes"))
            .addRule(new FixedRule("HIDDEN_HERE", Severity.ERROR, "nodes"))
            .suppress("HIDDEN", "not relevant to this site")
            .suppress("HIDDEN_HERE", "nodes", "checked by hand")
            .build();

    JsonNode root = JsonMapper.builder().build().readTree(validator.validate(topology()).toJson());

    assertThat(root.get("errors").asInt()).isEqualTo(1);
    assertThat(root.get("warnings").asInt()).isEqualTo(2);
    assertThat(root.get("infos").asInt()).isEqualTo(0);
    assertThat(root.get("findings").size()).isEqualTo(3);
    JsonNode first = root.get("findings").get(0);
    assertThat(first.get("ruleId").asString()).isEqualTo("AN_ERROR");
    assertThat(first.get("severity").asString()).isEqualTo("ERROR");
    assertThat(first.get("path").asString()).isEqualTo("name");
    assertThat(first.get("message").asString()).isEqualTo("AN_ERROR found a problem at name.");
    assertThat(first.get("hint").asString()).isEqualTo("fix name.");
    assertThat(root.get("findings").get(1).get("path").asString()).isEqualTo("networking");
    assertThat(root.get("findings").get(2).get("path").asString()).isEqualTo("nodes");
    assertThat(root.get("suppressions").size()).isEqualTo(2);
    JsonNode global = root.get("suppressions").get(0);
    assertThat(global.get("ruleId").asString()).isEqualTo("HIDDEN");
    assertThat(global.get("path").isNull()).isTrue();
    assertThat(global.get("reason").asString()).isEqualTo("not relevant to this site");
    JsonNode atPath = root.get("suppressions").get(1);
    assertThat(atPath.get("ruleId").asString()).isEqualTo("HIDDEN_HERE");
    assertThat(atPath.get("path").asString()).isEqualTo("nodes");
    assertThat(atPath.get("reason").asString()).isEqualTo("checked by hand");
  }

  @Test
  void toJson_ofEmptyReportHasZeroCounts() {
    String json = TopologyValidator.standard().validate(topology()).toJson();

    JsonNode root = JsonMapper.builder().build().readTree(json);

    assertThat(root.propertyNames())
        .containsExactly("errors", "warnings", "infos", "findings", "suppressions");
    assertThat(root.get("errors").asInt()).isEqualTo(0);
    assertThat(root.get("findings").size()).isEqualTo(0);
    assertThat(root.get("suppressions").size()).isEqualTo(0);
    assertThat(json).endsWith("\n");
  }

  @Test
  void rules_keepInsertionOrder() {
    Rule first = new FixedRule("FIRST", Severity.ERROR);
    Rule second = new FixedRule("SECOND", Severity.ERROR);

    TopologyValidator validator =
        TopologyValidator.builder().addRule(first).addRule(second).build();

    assertThat(validator.rules()).containsExactly(first, second);
  }

  @Test
  void toBuilder_leavesOriginalUnchanged() {
    TopologyValidator original = TopologyValidator.standard();

    original.toBuilder().addRule(new FixedRule("EXTRA", Severity.INFO)).build();

    assertThat(original.rules()).extracting(Rule::id).doesNotContain("EXTRA");
  }

  @Test
  void findingToString_isOneLine() {
    Finding finding =
        new Finding(
            "VIP_EQUALS_NODE_ADDRESS",
            Severity.ERROR,
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.11' is the address of node 'cp-1'.",
            "choose a free address.");

    assertThat(finding.toString())
        .isEqualTo(
            "ERROR VIP_EQUALS_NODE_ADDRESS at apiEndpoint.virtualIp: virtual IP '10.0.0.11' is"
                + " the address of node 'cp-1'. Fix: choose a free address.");
  }

  @Test
  void findingToString_escapesLineBreaksFromValues() {
    Finding finding =
        new Finding(
            "NODE_NAME_INVALID",
            Severity.ERROR,
            "nodes[cp-1\nERROR FAKE].name",
            "node name 'cp-1\nERROR FAKE' is not a lowercase DNS-1123 subdomain.",
            "rename it\r\u2028now.");

    assertThat(finding.toString())
        .isEqualTo(
            "ERROR NODE_NAME_INVALID at nodes[cp-1\\nERROR FAKE].name: node name 'cp-1\\nERROR"
                + " FAKE' is not a lowercase DNS-1123 subdomain. Fix: rename it\\r\\u2028now.");
    assertThat(finding.toString()).doesNotContain("\n", "\r", "\u2028");
  }

  @Test
  void toText_keepsEachFindingOnOneLine() {
    TopologyValidator validator =
        TopologyValidator.builder()
            .addRule(
                Rule.of(
                    "MULTILINE",
                    "Reports a message with a line break",
                    Severity.ERROR,
                    (topology, findings) -> findings.report("name", "first\nsecond.", "fix.")))
            .build();

    String text = validator.validate(topology()).toText();

    assertThat(text)
        .isEqualTo(
            "1 error(s), 0 warning(s), 0 info\n"
                + "ERROR MULTILINE at name: first\\nsecond. Fix: fix.\n");
  }

  @Test
  void build_rejectsSuppressionOfUnknownRule() {
    TopologyValidator.Builder builder =
        TopologyValidator.builder()
            .addStandardRules()
            .suppress("VIP_OUTSIDE_SUBNET", "the VIP is routed to the control planes");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "suppression names unknown rule 'VIP_OUTSIDE_SUBNET': use the id of a rule added to"
                + " this validator, such as CLUSTER_NAME_INVALID");
  }

  @Test
  void build_rejectsSeverityOfUnknownRule() {
    TopologyValidator.Builder builder =
        TopologyValidator.builder().addStandardRules().severity("NO_SUCH_RULE", Severity.INFO);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("severity override names unknown rule 'NO_SUCH_RULE'");
  }

  @Test
  void ruleOf_runsGivenCheck() {
    Rule prefix =
        Rule.of(
            "CLUSTER_NAME_PREFIX",
            "Cluster names start with the team prefix",
            Severity.WARNING,
            (topology, findings) -> findings.report("name", "no prefix.", "add one."));

    ValidationReport report =
        TopologyValidator.builder().addRule(prefix).build().validate(minimalTopology());

    assertThat(report.findings())
        .containsExactly(
            new Finding("CLUSTER_NAME_PREFIX", Severity.WARNING, "name", "no prefix.", "add one."));
  }

  private static ClusterTopology minimalTopology() {
    return ClusterTopology.builder()
        .name("dev")
        .kubernetesVersion("v1.33.4")
        .addNodes(Node.controlPlane("cp-1", "10.0.0.11/24"))
        .build();
  }
}
