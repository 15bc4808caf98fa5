package io.kubetopology.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.validate.Finding;
import io.kubetopology.validate.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderSampleTest {
  @TempDir Path outputDir;

  @Test
  void main_writesDefaultSampleBundle() throws IOException {
    RenderSample.main(new String[] {Samples.DEFAULT, outputDir.toString()});

    Path bundle = outputDir.resolve("stacked-ha");
    assertThat(bundle.resolve("bundle.json")).isRegularFile();
    assertThat(bundle.resolve("RUNBOOK.md")).isRegularFile();
    for (String node : new String[] {"cp-1", "cp-2", "cp-3", "worker-1", "worker-2"}) {
      assertThat(bundle.resolve("nodes/" + node + "/etc/kubernetes/kubeadm-config.yaml"))
          .isRegularFile();
    }
    assertThat(Files.isExecutable(bundle.resolve("nodes/cp-2/etc/keepalived/check_apiserver.sh")))
        .isTrue();
  }

  /**
   * Checks that every sample renders with one finding only: the warning that joins skip the CA
   * check, because the samples give no cluster CA rather than ship a private key.
   */
  @Test
  void samples_everySampleWarnsOnlyOfUnpinnedCa() {
    for (String name : Samples.names()) {
      List<Finding> findings = GoldenBundleTest.render(name).report().findings();

      assertThat(findings).as(name).hasSize(1);
      assertThat(findings.get(0).ruleId()).as(name).isEqualTo("JOIN_CA_NOT_PINNED");
      assertThat(findings.get(0).severity()).as(name).isEqualTo(Severity.WARNING);
    }
  }
}
