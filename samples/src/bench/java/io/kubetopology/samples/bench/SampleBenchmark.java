package io.kubetopology.samples.bench;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.render.Bundle;
import io.kubetopology.render.BundleRenderer;
import io.kubetopology.validate.TopologyValidator;
import io.kubetopology.validate.ValidationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Validates and renders the default sample in memory, warm, on one thread. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SampleBenchmark {
  private final ClusterTopology topology = BenchmarkTopologies.defaultSample();
  private final TopologyValidator validator = TopologyValidator.standard();
  private final BundleRenderer renderer = BundleRenderer.standard();

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
}
