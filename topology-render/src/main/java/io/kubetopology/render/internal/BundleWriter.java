package io.kubetopology.render.internal;

import io.kubetopology.render.BundleFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a bundle to a directory so that readers see the previous bundle or the new one, never part
 * of one: the files go to a temporary directory beside the target, which then replaces it.
 *
 * <p>Replacing an existing bundle takes two renames (old bundle aside, new one into place), so a
 * crash between them leaves the old bundle beside the target under a {@code .old-} name rather than
 * at the target.
 */
public final class BundleWriter {
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private BundleWriter() {}

  /**
   * Writes {@code files} to {@code target}.
   *
   * @throws IOException if a file cannot be written, or {@code target} exists and is neither an
   *     empty directory nor a bundle
   */
  public static void write(List<BundleFile> files, Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    checkReplaceable(absolute);
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
    try {
      writeFiles(files, staging);
      // The staging directory stays 0700 while files are written, so no other user can read a
      // secret file before its final mode is set.
      Files.setPosixFilePermissions(staging, DIRECTORY_MODE);
      replace(staging, absolute);
    } finally {
      deleteTree(staging);
    }
  }

  private static void checkReplaceable(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(
          target + " exists and is not a directory; remove it or choose another bundle path");
    }
    if (!isEmpty(target) && !Files.isRegularFile(target.resolve(BundlePlanner.MANIFEST))) {
      throw new DirectoryNotEmptyException(
          target
              + " is not a bundle (no "
              + BundlePlanner.MANIFEST
              + ") and not empty;"
              + " refusing to replace it; choose an empty or new directory");
    }
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void writeFiles(List<BundleFile> files, Path root) throws IOException {
    for (BundleFile file : files) {
      Path path = resolveInside(root, file.path());
      createDirectories(root, path.getParent());
      if (Files.exists(path)) {
        throw new FileAlreadyExistsException(path.toString(), null, "two bundle files share it");
      }
      Set<PosixFilePermission> permissions = permissions(file.mode());
      Files.createFile(path, PosixFilePermissions.asFileAttribute(permissions));
      Files.write(path, file.bytes());
      // The creation mode is masked by the umask, so set the exact mode afterwards.
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  private static Path resolveInside(Path root, String relative) throws IOException {
    Path path = root.resolve(relative).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IOException("bundle path '" + relative + "' leaves the bundle directory");
    }
    return path;
  }

  private static void createDirectories(Path root, Path directory) throws IOException {
    if (directory.equals(root) || Files.isDirectory(directory)) {
      return;
    }
    createDirectories(root, directory.getParent());
    Files.createDirectory(directory);
    Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
  }

  private static void replace(Path staging, Path target) throws IOException {
    if (!Files.exists(target)) {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path parent = target.getParent();
    Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
    Files.delete(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteTree(old);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(BundleWriter::deleteOrThrow);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void deleteOrThrow(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = (mode >> shift) & 7;
      text.append((bits & 4) != 0 ? 'r' : '-');
      text.append((bits & 2) != 0 ? 'w' : '-');
      text.append((bits & 1) != 0 ? 'x' : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }
}
