package io.kubetopology.samples;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.TopologyDocumentException;
import io.kubetopology.api.TopologyDocuments;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleRenderer;
import io.kubetopology.validate.TopologyValidationException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders the topology document at a path into a bundle and prints where it went and what it holds.
 *
 * <p>Usage: {@code RenderDocument DOCUMENT [OUTPUT_DIR]}; the bundle goes to {@code
 * OUTPUT_DIR/<cluster name>}, by default under {@code target/bundles}.
 */
public final class RenderDocument {
  private RenderDocument() {}

  /** Runs the program; exits with 2 for a wrong argument and 1 for a document with problems. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: RenderDocument DOCUMENT [OUTPUT_DIR]");
      System.exit(2);
      return;
    }
    Path outputDir = Path.of(args.length > 1 ? args[1] : "target/bundles");
    try {
      ClusterTopology topology = TopologyDocuments.reader().read(Path.of(args[0]));
      Path target = outputDir.resolve(topology.name()).toAbsolutePath().normalize();
      Bundle bundle = BundleRenderer.standard().render(topology);
      bundle.writeTo(target);
      RenderSample.printSummary(System.out, bundle, target);
    } catch (TopologyDocumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    } catch (TopologyValidationException e) {
      System.err.print(e.report().toText());
      System.exit(1);
    }
  }
}
