package io.kubetopology.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.TopologyDocuments;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleFile;
import io.kubetopology.render.BundleRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that every sample exists as a document under topologies/ and renders the same bundle. */
class SampleDocumentsTest {
  private static final Path DOCUMENTS = Path.of("topologies");

  @Test
  void everySample_hasDocument() throws IOException {
    List<String> documents;
    try (Stream<Path> files = Files.list(DOCUMENTS)) {
      documents =
          files.map(path -> path.getFileName().toString().replace(".yaml", "")).sorted().toList();
    }

    assertThat(documents)
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(Samples.names()).flatMap(names -> stream(names)).toList());
  }

  @Test
  void documents_equalJavaSamples() throws IOException {
    for (String name : Samples.names()) {
      ClusterTopology fromDocument =
          TopologyDocuments.reader().read(DOCUMENTS.resolve(name + ".yaml"));

      assertThat(fromDocument).as(name).isEqualTo(Samples.byName(name).orElseThrow());
    }
  }

  @Test
  void documents_renderByteIdenticalBundles() throws IOException {
    for (String name : Samples.names()) {
      ClusterTopology fromDocument =
          TopologyDocuments.reader()
              .read(DOCUMENTS.resolve(name + ".yaml"))
              .withSecrets(GoldenBundleTest.FIXED_SECRETS);
      Bundle document = BundleRenderer.standard().render(fromDocument);
      Bundle java = GoldenBundleTest.render(name);

      assertThat(document.files())
          .extracting(BundleFile::path)
          .containsExactlyElementsOf(java.files().stream().map(BundleFile::path).toList());
      for (int i = 0; i < java.files().size(); i++) {
        assertThat(document.files().get(i).bytes())
            .as(name + " " + java.files().get(i).path())
            .isEqualTo(java.files().get(i).bytes());
      }
    }
  }

  @Test
  void documents_passJsonSchema() throws IOException {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(TopologyDocuments.jsonSchema(), InputFormat.JSON);

    for (String name : Samples.names()) {
      String document = Files.readString(DOCUMENTS.resolve(name + ".yaml"));

      assertThat(schema.validate(document, InputFormat.YAML)).as(name).isEmpty();
    }
  }

  @Test
  void renderDocument_writesBundle(@TempDir Path output) throws IOException {
    RenderDocument.main(
        new String[] {DOCUMENTS.resolve("stacked-ha.yaml").toString(), output.toString()});

    assertThat(output.resolve("prod-eu1/bundle.json")).isRegularFile();
    assertThat(output.resolve("prod-eu1/nodes/cp-1/etc/haproxy/haproxy.cfg")).isRegularFile();
  }

  private static Stream<String> stream(Iterable<String> names) {
    return java.util.stream.StreamSupport.stream(names.spliterator(), false);
  }
}
