package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.validate.TopologyValidator;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Makes bundle writes fail part-way through the public API and checks that the previous bundle
 * stays as it was, byte for byte and mode for mode, and that no staging folder is left behind.
 *
 * <p>Tests run as root in CI, where permission bits stop nothing, so the failures come from an
 * immutable folder ({@code chattr +i}), a file where a folder must go, and a renderer that throws.
 * The folders live below the module's {@code target} folder, on the file system that contains the
 * build, because tmpfs does not support the immutable attribute.
 */
class BundleWriteFailureTest {
  private final BundleRenderer renderer = BundleRenderer.standard();
  private Path parent;

  @BeforeEach
  void createParent() throws IOException {
    Path build = Files.createDirectories(Path.of("target"));
    parent = Files.createTempDirectory(build, "bundle-write-failure-");
  }

  @AfterEach
  void deleteParent() throws IOException {
    try (Stream<Path> paths = Files.walk(parent)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void writeTo_immutableParentKeepsPreviousBundle() throws IOException {
    Path target = parent.resolve("bundle");
    renderer.render(TestTopologies.stackedHa("v1.30.5")).writeTo(target);
    Map<String, String> before = snapshot(target);
    Bundle next = renderer.render(TestTopologies.stackedHa());

    withImmutable(
        parent,
        () ->
            assertThatThrownBy(() -> next.writeTo(target))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Operation not permitted"));

    assertThat(snapshot(target)).isEqualTo(before);
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void writeTo_immutableBundleKeepsPreviousBundle() throws IOException {
    Path target = parent.resolve("bundle");
    renderer.render(TestTopologies.stackedHa("v1.30.5")).writeTo(target);
    Map<String, String> before = snapshot(target);
    Bundle next = renderer.render(TestTopologies.stackedHa());

    withImmutable(
        target,
        () ->
            assertThatThrownBy(() -> next.writeTo(target))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Operation not permitted"));

    assertThat(snapshot(target)).isEqualTo(before);
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void writeTo_parentPathIsFileLeavesNothing() throws IOException {
    Path file = Files.writeString(parent.resolve("not-a-folder"), "keep me");
    Bundle bundle = renderer.render(TestTopologies.stackedHa());

    assertThatThrownBy(() -> bundle.writeTo(file.resolve("bundle")))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage(file.toAbsolutePath().normalize().toString());

    assertThat(file).hasContent("keep me");
    assertThat(siblings()).containsExactly("not-a-folder");
  }

  @Test
  void render_rendererExceptionLeavesPreviousBundle() throws IOException {
    Path target = parent.resolve("bundle");
    renderer.render(TestTopologies.stackedHa()).writeTo(target);
    Map<String, String> before = snapshot(target);
    BundleRenderer suppressing =
        BundleRenderer.withValidator(
            TopologyValidator.builder()
                .addStandardRules()
                .suppress("VRRP_INTERFACE_MISSING", "the interface comes from the host image")
                .build());
    ClusterTopology noInterface = withoutInterface(TestTopologies.stackedHa());

    assertThatThrownBy(() -> suppressing.render(noInterface).writeTo(target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "node 'cp-1' has no network interface for keepalived: set the node's interfaceName,"
                + " such as eth0, or the interfaceName of ApiEndpointAccess.haproxyKeepalived()"
                + " for every node");

    assertThat(snapshot(target)).isEqualTo(before);
    assertThat(siblings()).containsExactly("bundle");
  }

  private static ClusterTopology withoutInterface(ClusterTopology topology) {
    HaproxyKeepalived lb = (HaproxyKeepalived) topology.apiEndpoint();
    return topology.withApiEndpoint(
        HaproxyKeepalived.builder().from(lb).interfaceName(Optional.empty()).build());
  }

  /** A step that may throw, run while a path is immutable. */
  private interface Step {
    void run() throws IOException;
  }

  /**
   * Runs {@code step} while {@code path} carries the immutable attribute, which stops even root
   * from creating, renaming or deleting entries in it, and always removes the attribute again.
   */
  private static void withImmutable(Path path, Step step) throws IOException {
    requireChattr();
    RealTools.runOrThrow(List.of(chattr(), "+i", path.toString()));
    try {
      step.run();
    } finally {
      RealTools.runOrThrow(List.of(chattr(), "-i", path.toString()));
    }
  }

  private static void requireChattr() {
    RealTools.assumeOrRequire(
        RealTools.findExecutable("chattr").isPresent() && RealTools.runsAsRoot(),
        "chattr (e2fsprogs), run as root,");
  }

  private static String chattr() {
    return RealTools.requireExecutable("chattr").toString();
  }

  /** Returns each file below {@code root} with its mode and content. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted().toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        String content = Files.isRegularFile(path) ? Files.readString(path) : "<folder>";
        files.put(root.relativize(path).toString(), mode + " " + content);
      }
    }
    return files;
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
