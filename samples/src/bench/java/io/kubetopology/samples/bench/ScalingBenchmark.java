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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Validates and renders the default sample's shape grown to many workers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScalingBenchmark {
  @Param({"10", "100", "500", "1000", "5000"})
  public int nodes;

  private ClusterTopology topology;
  private final TopologyValidator validator = TopologyValidator.standard();
  private final BundleRenderer renderer = BundleRenderer.standard();

  /** Builds the topology once per parameter value. */
  @Setup
  public void buildTopology() {
    topology = BenchmarkTopologies.scaled(nodes);
  }

  /** Runs the standard rules only. */
  @Benchmark
  public ValidationReport validate() {
    return validator.validate(topology);
  }

  /** Validates and renders every file in memory. */
  @Benchmark
  public Bundle render() {
    return renderer.render(topology);
  }
}
