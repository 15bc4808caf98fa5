package io.kubetopology.samples.bench;

import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Writes the default sample's bundle to disk, replacing the previous one each time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WriteBenchmark {
  private Bundle bundle;
  private Path target;

  /** Renders the bundle once and picks a target under the system temporary directory. */
  @Setup
  public void renderOnce() throws IOException {
    bundle = BundleRenderer.standard().render(BenchmarkTopologies.defaultSample());
    target = Files.createTempDirectory("kubetopology-bench").resolve("bundle");
  }

  /** Writes every file atomically, as Bundle.writeTo does for a caller. */
  @Benchmark
  public Path write() throws IOException {
    bundle.writeTo(target);
    return target;
  }
}
