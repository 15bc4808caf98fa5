package io.kubetopology.render;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.render.internal.BundleWriter;
import io.kubetopology.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every file a cluster needs, in memory: {@code bundle.json}, {@code RUNBOOK.md}, and under {@code
 * nodes/<node>/} the files that go onto that node's root file system.
 *
 * <pre>{@code
 * Bundle bundle = BundleRenderer.standard().render(topology);
 * bundle.writeTo(Path.of("build/bundles/prod-eu1"));
 * }</pre>
 */
public final class Bundle {
  private final ClusterTopology topology;
  private final ClusterSecrets secrets;
  private final ValidationReport report;
  private final List<BundleFile> files;

  Bundle(
      ClusterTopology topology,
      ClusterSecrets secrets,
      ValidationReport report,
      List<BundleFile> files) {
    this.topology = topology;
    this.secrets = secrets;
    this.report = report;
    this.files = List.copyOf(files);
  }

  /** Returns the topology this bundle was rendered from. */
  public ClusterTopology topology() {
    return topology;
  }

  /**
   * Returns the secrets the bundle holds, the given ones and the generated ones; render the
   * topology again with these to get the same bytes.
   */
  public ClusterSecrets secrets() {
    return secrets;
  }

  /** Returns the validation report; it contains no errors, but may contain warnings. */
  public ValidationReport report() {
    return report;
  }

  /** Returns every file, sorted by path. */
  public List<BundleFile> files() {
    return files;
  }

  /** Returns the file at {@code path} inside the bundle, such as {@code RUNBOOK.md}. */
  public Optional<BundleFile> file(String path) {
    return files.stream().filter(file -> file.path().equals(path)).findFirst();
  }

  /**
   * Returns the file a node needs at an absolute {@code nodePath}, such as {@code
   * /etc/haproxy/haproxy.cfg}.
   */
  public Optional<BundleFile> nodeFile(String nodeName, String nodePath) {
    return file("nodes/" + nodeName + nodePath);
  }

  /**
   * Writes the bundle to the directory {@code target}, atomically: the files are written to a
   * temporary directory beside it and moved into place, so a failure leaves the previous bundle or
   * nothing, never part of one.
   *
   * @throws IOException if writing fails, or {@code target} exists and is neither empty nor a
   *     bundle (a directory with {@code bundle.json})
   */
  public void writeTo(Path target) throws IOException {
    BundleWriter.write(files, target);
  }

  @Override
  public String toString() {
    return "Bundle[" + topology.name() + ", " + files.size() + " files]";
  }
}
