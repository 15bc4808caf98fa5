package io.kubetopology.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleFile;
import io.kubetopology.render.BundleRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every file of every sample bundle with its golden copy under {@code
 * src/test/resources/golden/<sample>/}, as whole text. Run with {@code
 * -Dkubetopology.updateGolden=true} to rewrite the golden copies after a deliberate change.
 */
class GoldenBundleTest {
  private static final Path GOLDEN_DIR = Path.of(System.getProperty("kubetopology.goldenDir"));
  private static final boolean UPDATE = Boolean.getBoolean("kubetopology.updateGolden");

  static final ClusterSecrets FIXED_SECRETS =
      ClusterSecrets.builder()
          .bootstrapToken("abcdef.0123456789abcdef")
          .certificateKey("3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998")
          .vrrpPassword("s3cret12")
          .build();

  static Iterable<String> samples() {
    return Samples.names();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sample_matchesGoldenFiles(String sample) throws IOException {
    Bundle bundle = render(sample);
    Path goldenRoot = GOLDEN_DIR.resolve(sample);
    if (UPDATE) {
      bundle.writeTo(goldenRoot);
    }

    for (BundleFile file : bundle.files()) {
      Path golden = goldenRoot.resolve(file.path());
      assertThat(golden).as("golden copy of " + file.path()).exists();
      assertThat(file.text()).as(file.path()).isEqualTo(Files.readString(golden));
    }
    assertThat(goldenFiles(goldenRoot))
        .as("golden files of " + sample)
        .containsExactlyElementsOf(bundle.files().stream().map(BundleFile::path).toList());
  }

  static Bundle render(String sample) {
    return BundleRenderer.standard()
        .render(Samples.byName(sample).orElseThrow().withSecrets(FIXED_SECRETS));
  }

  private static List<String> goldenFiles(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  static String read(Path path) throws IOException {
    return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
  }
}
