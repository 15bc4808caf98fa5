package io.kubetopology.samples;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleRenderer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Does what {@link RenderSample} does, with fixed secrets instead of generated ones, so that two
 * runs can be compared byte for byte. {@link LocaleDeterminismTest} starts it in child JVMs with
 * other locales and time zones.
 *
 * <p>Usage: {@code FixedSecretsRenderSample SAMPLE OUTPUT_DIR}; the bundle goes to {@code
 * OUTPUT_DIR/SAMPLE}.
 */
final class FixedSecretsRenderSample {
  private static final ClusterSecrets SECRETS =
      ClusterSecrets.builder()
          .bootstrapToken("abcdef.0123456789abcdef")
          .certificateKey("3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998")
          .vrrpPassword("s3cret12")
          .build();

  private FixedSecretsRenderSample() {}

  public static void main(String[] args) throws IOException {
    String sample = args[0];
    Path target = Path.of(args[1]).resolve(sample).toAbsolutePath().normalize();
    Bundle bundle =
        BundleRenderer.standard().render(Samples.byName(sample).orElseThrow().withSecrets(SECRETS));
    bundle.writeTo(target);
    RenderSample.printSummary(System.out, bundle, target);
  }
}
