package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.render.BundleFile;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {
  @TempDir Path parent;

  private static List<BundleFile> bundle(String marker) {
    return List.of(
        BundleFile.readable("bundle.json", "{\"marker\": \"" + marker + "\"}\n"),
        BundleFile.secret("nodes/cp-1/etc/kubernetes/kubeadm-config.yaml", "token\n"),
        BundleFile.executable("nodes/cp-1/etc/keepalived/check_apiserver.sh", "#!/bin/sh\n"));
  }

  @Test
  void write_createsFilesWithModes() throws IOException {
    Path target = parent.resolve("bundle");

    BundleWriter.write(bundle("one"), target);

    assertThat(target.resolve("bundle.json")).hasContent("{\"marker\": \"one\"}");
    assertThat(mode(target.resolve("nodes/cp-1/etc/kubernetes/kubeadm-config.yaml")))
        .isEqualTo("rw-------");
    assertThat(mode(target.resolve("nodes/cp-1/etc/keepalived/check_apiserver.sh")))
        .isEqualTo("rwxr-xr-x");
    assertThat(mode(target.resolve("bundle.json"))).isEqualTo("rw-r--r--");
    assertThat(mode(target.resolve("nodes/cp-1/etc"))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void write_replacesPreviousBundleAndRemovesOldFiles() throws IOException {
    Path target = parent.resolve("bundle");
    BundleWriter.write(bundle("one"), target);
    Files.writeString(target.resolve("stale.txt"), "from an older bundle");

    BundleWriter.write(bundle("two"), target);

    assertThat(target.resolve("bundle.json")).hasContent("{\"marker\": \"two\"}");
    assertThat(target.resolve("stale.txt")).doesNotExist();
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void write_failurePartWayKeepsPreviousBundle() throws IOException {
    Path target = parent.resolve("bundle");
    BundleWriter.write(bundle("one"), target);
    List<BundleFile> clashing =
        List.of(
            BundleFile.readable("bundle.json", "{}\n"),
            BundleFile.readable("nodes/a.txt", "first\n"),
            BundleFile.readable("nodes/a.txt", "second\n"));

    assertThatThrownBy(() -> BundleWriter.write(clashing, target))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(target.resolve("bundle.json")).hasContent("{\"marker\": \"one\"}");
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void write_failureOnNewTargetLeavesNothing() throws IOException {
    Path target = parent.resolve("bundle");
    List<BundleFile> escaping =
        List.of(BundleFile.readable("bundle.json", "{}\n"), BundleFile.readable("../x", "y\n"));

    assertThatThrownBy(() -> BundleWriter.write(escaping, target))
        .isInstanceOf(IOException.class)
        .hasMessage("bundle path '../x' leaves the bundle directory");

    assertThat(target).doesNotExist();
    assertThat(siblings()).isEmpty();
  }

  @Test
  void write_refusesDirectoryThatIsNotBundle() throws IOException {
    Path target = parent.resolve("home");
    Files.createDirectories(target);
    Files.writeString(target.resolve("notes.txt"), "keep me");

    assertThatThrownBy(() -> BundleWriter.write(bundle("one"), target))
        .isInstanceOf(DirectoryNotEmptyException.class)
        .hasMessage(
            target
                + " is not a bundle (no bundle.json) and not empty; refusing to replace it;"
                + " choose an empty or new directory");

    assertThat(target.resolve("notes.txt")).hasContent("keep me");
    assertThat(siblings()).containsExactly("home");
  }

  @Test
  void write_refusesFileInTheWay() throws IOException {
    Path target = parent.resolve("bundle");
    Files.writeString(target, "a file");

    assertThatThrownBy(() -> BundleWriter.write(bundle("one"), target))
        .isInstanceOf(NotDirectoryException.class)
        .hasMessage(
            target + " exists and is not a directory; remove it or choose another bundle path");

    assertThat(target).hasContent("a file");
  }

  @Test
  void write_fileOnFolderPathKeepsPrevious() throws IOException {
    Path target = parent.resolve("bundle");
    BundleWriter.write(bundle("one"), target);
    List<BundleFile> fileThenFolder =
        List.of(
            BundleFile.readable("bundle.json", "{}\n"),
            BundleFile.readable("nodes/cp-1", "a file\n"),
            BundleFile.readable("nodes/cp-1/etc/haproxy/haproxy.cfg", "global\n"));

    assertThatThrownBy(() -> BundleWriter.write(fileThenFolder, target))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(target.resolve("bundle.json")).hasContent("{\"marker\": \"one\"}");
    assertThat(target.resolve("nodes/cp-1/etc/keepalived/check_apiserver.sh")).exists();
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void write_uncheckedExceptionPartWayKeepsPreviousBundle() throws IOException {
    Path target = parent.resolve("bundle");
    BundleWriter.write(bundle("one"), target);
    List<BundleFile> invalidPath =
        List.of(
            BundleFile.readable("bundle.json", "{}\n"),
            BundleFile.readable("nodes/cp-1/a.txt", "written first\n"),
            BundleFile.readable("nodes/cp-1/b\u0000.txt", "never written\n"));

    assertThatThrownBy(() -> BundleWriter.write(invalidPath, target))
        .isInstanceOf(InvalidPathException.class);

    assertThat(target.resolve("bundle.json")).hasContent("{\"marker\": \"one\"}");
    assertThat(target.resolve("nodes/cp-1/a.txt")).doesNotExist();
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void write_refusesFolderWithHiddenFilesOnly() throws IOException {
    Path target = parent.resolve("repository");
    Files.createDirectories(target.resolve(".git"));

    assertThatThrownBy(() -> BundleWriter.write(bundle("one"), target))
        .isInstanceOf(DirectoryNotEmptyException.class)
        .hasMessage(
            target
                + " is not a bundle (no bundle.json) and not empty; refusing to replace it;"
                + " choose an empty or new directory");

    assertThat(target.resolve(".git")).isDirectory();
    assertThat(siblings()).containsExactly("repository");
  }

  @Test
  void write_refusesFolderWhoseManifestIsFolder() throws IOException {
    Path target = parent.resolve("bundle");
    Files.createDirectories(target.resolve("bundle.json"));
    Files.writeString(target.resolve("bundle.json/notes.txt"), "keep me");

    assertThatThrownBy(() -> BundleWriter.write(bundle("one"), target))
        .isInstanceOf(DirectoryNotEmptyException.class);

    assertThat(target.resolve("bundle.json/notes.txt")).hasContent("keep me");
    assertThat(siblings()).containsExactly("bundle");
  }

  @Test
  void write_refusesSymbolicLinkToBundle() throws IOException {
    Path real = parent.resolve("real");
    BundleWriter.write(bundle("one"), real);
    Path link = Files.createSymbolicLink(parent.resolve("link"), real);

    assertThatThrownBy(() -> BundleWriter.write(bundle("two"), link))
        .isInstanceOf(NotDirectoryException.class)
        .hasMessage(
            link + " exists and is not a directory; remove it or choose another bundle path");

    assertThat(real.resolve("bundle.json")).hasContent("{\"marker\": \"one\"}");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(siblings()).containsExactly("link", "real");
  }

  @Test
  void write_acceptsEmptyDirectory() throws IOException {
    Path target = parent.resolve("bundle");
    Files.createDirectories(target);

    BundleWriter.write(bundle("one"), target);

    assertThat(target.resolve("bundle.json")).exists();
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
