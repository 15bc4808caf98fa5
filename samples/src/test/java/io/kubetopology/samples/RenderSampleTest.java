package io.kubetopology.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void samples_everySampleRendersWithoutFindings() {
    for (String name : Samples.names()) {
      assertThat(GoldenBundleTest.render(name).report().findings()).as(name).isEmpty();
    }
  }
}
