package io.kubetopology.samples.bench;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.TopologyDocuments;
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

/** Reads topology documents: the default sample's, and a generated one with 1,000 nodes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DocumentBenchmark {
  private static final String SAMPLE_DOCUMENT = "stacked-ha.yaml";

  private final TopologyDocuments.Reader reader = TopologyDocuments.reader();
  private String sampleText;
  private String thousandNodesText;

  /** Loads the sample document and writes the 1,000-node one, so no run measures file reads. */
  @Setup
  public void loadDocuments() throws IOException {
    sampleText = Files.readString(sampleDocument());
    thousandNodesText = TopologyDocuments.writer().toYaml(BenchmarkTopologies.scaled(1000));
  }

  /** Reads samples/topologies/stacked-ha.yaml, 3 control planes and 2 workers. */
  @Benchmark
  public ClusterTopology readSample() {
    return reader.read(sampleText, SAMPLE_DOCUMENT);
  }

  /** Reads a document of the default sample's shape with 1,000 nodes. */
  @Benchmark
  public ClusterTopology readThousandNodes() {
    return reader.read(thousandNodesText, "scale-1000.yaml");
  }

  /** Finds the document from the samples module, where Maven runs JMH, or from the repository. */
  private static Path sampleDocument() {
    Path fromModule = Path.of("topologies", SAMPLE_DOCUMENT);
    return Files.isRegularFile(fromModule)
        ? fromModule
        : Path.of("samples", "topologies", SAMPLE_DOCUMENT);
  }
}
