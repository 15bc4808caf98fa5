package io.kubetopology.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubetopology.render.BundleFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every kubeadm document and etcd host KubeletConfiguration of every sample against the
 * strict JSON Schema of its API version, the schemas that topology-render's tests keep.
 */
class SampleSchemaTest {
  private static final Path SCHEMA_DIR = Path.of(System.getProperty("kubetopology.schemaDir"));

  private static final Map<String, String> SCHEMA_FILES =
      Map.of(
          "kubeadm.k8s.io/v1beta3", "kubeadm.k8s.io-v1beta3.schema.json",
          "kubeadm.k8s.io/v1beta4", "kubeadm.k8s.io-v1beta4.schema.json",
          "kubelet.config.k8s.io/v1beta1", "kubelet.config.k8s.io-v1beta1.schema.json");

  private static final Pattern API_VERSION = Pattern.compile("(?m)^apiVersion: (\\S+)$");

  static Iterable<String> sampleNames() {
    return Samples.names();
  }

  @ParameterizedTest
  @MethodSource("sampleNames")
  void sample_documentsMatchSchemas(String sample) throws IOException {
    List<BundleFile> checked =
        GoldenBundleTest.render(sample).files().stream()
            .filter(
                file ->
                    file.path().endsWith("/etc/kubernetes/kubeadm-config.yaml")
                        || file.path().endsWith("/kubelet.service.d/kubelet.conf"))
            .toList();

    assertThat(checked).as(sample).isNotEmpty();
    for (BundleFile file : checked) {
      assertThat(violations(file.text())).as(file.path()).isEmpty();
    }
  }

  private static List<String> violations(String yaml) throws IOException {
    List<String> violations = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\n")) {
      Matcher apiVersion = API_VERSION.matcher(document);
      assertThat(apiVersion.find()).as("apiVersion line in%n%s", document).isTrue();
      Schema schema = schema(apiVersion.group(1));
      schema
          .validate(document, InputFormat.YAML)
          .forEach(error -> violations.add(error.toString()));
    }
    return violations;
  }

  private static Schema schema(String apiVersion) throws IOException {
    String file = SCHEMA_FILES.get(apiVersion);
    assertThat(file).as("schema for apiVersion '%s'", apiVersion).isNotNull();
    try (InputStream in = Files.newInputStream(SCHEMA_DIR.resolve(file))) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }
}
