package io.kubetopology.samples.bench;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleFile;
import io.kubetopology.render.BundleRenderer;
import io.kubetopology.validate.TopologyValidator;
import io.kubetopology.validate.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Validates and renders the default sample in memory, warm, on one thread. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SampleBenchmark {
  private final ClusterTopology topology = BenchmarkTopologies.defaultSample();
  private final TopologyValidator validator = TopologyValidator.standard();
  private final BundleRenderer renderer = BundleRenderer.standard();
  private final Bundle bundle = renderer.render(topology);

  /** Runs the standard rules only. */
  @Benchmark
  public ValidationReport validate() {
    return validator.validate(topology);
  }

  /** Validates and renders every file of the bundle, as BundleRenderer.render does. */
  @Benchmark
  public Bundle render() {
    return renderer.render(topology);
  }

  /**
   * Hashes every file of the bundle once with SHA-256, as bundle.json needs, so that its share of
   * {@link #render} shows. The renderer hashes a text that several nodes share once, so this
   * figure, which hashes each file, is an upper bound.
   */
  @Benchmark
  public void sha256OfEveryFile(Blackhole blackhole) throws NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (BundleFile file : bundle.files()) {
      blackhole.consume(digest.digest(file.text().getBytes(StandardCharsets.UTF_8)));
    }
  }
}
