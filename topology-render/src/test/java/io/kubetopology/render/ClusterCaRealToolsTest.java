package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.CertificateAuthority;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Secret;
import io.kubetopology.render.internal.KubeadmConfigRenderer;
import io.kubetopology.render.internal.NodePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Renders joins with a CA that openssl creates for the test, and checks the pinned hash against the
 * one openssl computes as the kubeadm documentation shows it.
 */
class ClusterCaRealToolsTest {
  // The pipeline of the kubeadm join documentation, with openssl's path as the first argument.
  private static final String PIN_SCRIPT =
      "\"$1\" x509 -in ca.crt -pubkey -noout | \"$1\" pkey -pubin -outform der | sha256sum";

  @TempDir Path directory;

  @Test
  void caCertHashes_matchOpensslForFreshCa() throws IOException {
    RealTools.assumeOrRequire(
        RealTools.opensslAvailable(), "openssl", "apt-get install -y openssl");
    String openssl = RealTools.executable("openssl").toString();
    createCa(openssl);
    CertificateAuthority ca =
        CertificateAuthority.of(
            Files.readString(directory.resolve("ca.crt")),
            Secret.of(Files.readString(directory.resolve("ca.key"))));
    ClusterTopology topology =
        TestTopologies.stackedHa().withSecrets(TestTopologies.fixedSecrets().withClusterCa(ca));

    Bundle bundle = BundleRenderer.standard().render(topology);

    String expected = "sha256:" + opensslPin(openssl);
    for (Node node : topology.nodes()) {
      if (KubeadmConfigRenderer.isInitNode(topology, node)) {
        continue;
      }
      String config = bundle.nodeFile(node.name(), NodePaths.KUBEADM_CONFIG).orElseThrow().text();
      JsonNode discovery =
          KubeadmSchemas.documents(config).get(0).path("discovery").path("bootstrapToken");
      assertThat(discovery.path("caCertHashes").size()).as(node.name()).isEqualTo(1);
      assertThat(discovery.path("caCertHashes").get(0).asString())
          .as(node.name())
          .isEqualTo(expected);
      assertThat(discovery.has("unsafeSkipCAVerification")).as(node.name()).isFalse();
    }
  }

  private void createCa(String openssl) {
    Commands.runOrFail(
        directory,
        Map.of(),
        List.of(
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "1",
            "-subj",
            "/CN=kubernetes"));
  }

  private String opensslPin(String openssl) {
    String output =
        Commands.runOrFail(
            directory, Map.of(), List.of("/bin/sh", "-c", PIN_SCRIPT, "sh", openssl));
    return output.strip().split("\\s+")[0];
  }
}
