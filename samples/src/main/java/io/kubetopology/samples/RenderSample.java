package io.kubetopology.samples;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleFile;
import io.kubetopology.render.BundleRenderer;
import io.kubetopology.validate.Finding;
import io.kubetopology.validate.TopologyValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders a sample topology into a bundle directory and prints where it went and what it holds.
 *
 * <p>Usage: {@code RenderSample [SAMPLE [OUTPUT_DIR]]}; the bundle goes to {@code
 * OUTPUT_DIR/SAMPLE}, by default {@code target/bundles/stacked-ha}.
 */
public final class RenderSample {
  private RenderSample() {}

  /** Runs the program; exits with 2 for a wrong argument and 1 for a topology with errors. */
  public static void main(String[] args) throws IOException {
    String name = args.length > 0 ? args[0] : Samples.DEFAULT;
    Path outputDir = Path.of(args.length > 1 ? args[1] : "target/bundles");
    Optional<ClusterTopology> topology = Samples.byName(name);
    if (topology.isEmpty()) {
      System.err.println(
          "unknown sample '" + name + "'; choose one of: " + String.join(", ", Samples.names()));
      System.exit(2);
      return;
    }
    try {
      Path target = outputDir.resolve(name).toAbsolutePath().normalize();
      Bundle bundle = BundleRenderer.standard().render(topology.get());
      bundle.writeTo(target);
      printSummary(System.out, bundle, target);
    } catch (TopologyValidationException e) {
      System.err.print(e.report().toText());
      System.exit(1);
    }
  }

  static void printSummary(PrintStream out, Bundle bundle, Path target) {
    out.println("Rendered cluster '" + bundle.topology().name() + "' to " + target);
    for (Finding warning : bundle.report().findings()) {
      out.println("  " + warning);
    }
    for (BundleFile file : bundle.files()) {
      out.println("  " + file.modeText() + "  " + file.path());
    }
    out.println(bundle.files().size() + " files; see RUNBOOK.md for the steps.");
  }
}
