package io.kubetopology.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.validate.Finding;
import io.kubetopology.validate.Severity;
import io.kubetopology.validate.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomRulesSampleTest {
  /** The standard warning of every sample, which gives no cluster CA for joins to pin. */
  private static final Finding UNPINNED_CA =
      new Finding(
          "JOIN_CA_NOT_PINNED",
          Severity.WARNING,
          "secrets.clusterCa",
          "the topology has no cluster CA, so joining nodes skip the CA check"
              + " (unsafeSkipCAVerification: true) and trust any server reachable at the"
              + " endpoint.",
          "create a CA, for example with 'kubeadm init phase certs ca', and give its ca.crt and"
              + " ca.key with ClusterSecrets.builder().clusterCa(certificatePem, privateKeyPem),"
              + " or as secrets.clusterCaCertificate and secrets.clusterCaKey in a topology"
              + " document; the joins then pin its public key in caCertHashes.");

  private static final String EXPECTED_OUTPUT =
      "0 error(s), 2 warning(s), 0 info\n"
          + "WARNING WORKER_ZONE_LABEL at nodes[worker-1].labels: worker 'worker-1' has no"
          + " topology.kubernetes.io/zone label. Fix: add"
          + " putLabel(\"topology.kubernetes.io/zone\", ZONE) with the zone the worker runs in.\n"
          + UNPINNED_CA
          + "\n"
          + "suppressed WORKER_ZONE_LABEL at nodes[worker-2].labels: worker-2 runs batch jobs that"
          + " may share a zone\n";

  @Test
  void main_printsReportOfDefaultSample() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
    try {
      CustomRulesSample.main(new String[0]);
    } finally {
      System.setOut(original);
    }

    assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo(EXPECTED_OUTPUT);
  }

  @Test
  void validate_labelledWorkerPasses() {
    List<Node> nodes = new ArrayList<>();
    for (Node node : StackedHaSample.topology().nodes()) {
      nodes.add(
          node.name().equals("worker-1")
              ? node.withLabels(Map.of(CustomRulesSample.ZONE_LABEL, "eu-1a"))
              : node);
    }
    ClusterTopology topology = StackedHaSample.topology().withNodes(nodes);

    ValidationReport report = CustomRulesSample.validate(topology);

    assertThat(report.findings()).containsExactly(UNPINNED_CA);
    assertThat(report.suppressions()).hasSize(1);
  }

  @Test
  void validate_reportsUnlabelledWorker() {
    ValidationReport report = CustomRulesSample.validate(StackedHaSample.topology());

    assertThat(report.findings())
        .containsExactly(
            new Finding(
                "WORKER_ZONE_LABEL",
                Severity.WARNING,
                "nodes[worker-1].labels",
                "worker 'worker-1' has no topology.kubernetes.io/zone label.",
                "add putLabel(\"topology.kubernetes.io/zone\", ZONE) with the zone the worker runs"
                    + " in."),
            UNPINNED_CA);
  }
}
