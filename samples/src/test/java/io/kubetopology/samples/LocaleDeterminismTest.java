package io.kubetopology.samples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the default sample in child JVMs with other locales, time zones and default charsets, and
 * expects the same bytes and modes as a child JVM with the machine's defaults. The Turkish locale
 * changes what {@code toUpperCase()} makes of 'i', the Arabic locale of Saudi Arabia formats
 * numbers with Arabic-Indic digits, and Asia/Kathmandu is 5:45 ahead of UTC.
 *
 * <p>The children run {@link FixedSecretsRenderSample}, which does what {@link RenderSample} does
 * with fixed secrets, because generated secrets differ on every run.
 */
class LocaleDeterminismTest {
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @TempDir Path work;

  /** A JVM configuration to compare with the default one. */
  record Variant(String name, List<String> options) {}

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "tr_TR",
              List.of(
                  "-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Europe/Istanbul")),
          new Variant(
              "ar_SA",
              List.of("-Duser.language=ar", "-Duser.country=SA", "-Duser.timezone=Asia/Riyadh")),
          new Variant("Asia/Kathmandu", List.of("-Duser.timezone=Asia/Kathmandu")),
          new Variant("ISO-8859-1 default charset", List.of("-Dfile.encoding=ISO-8859-1")));

  @Test
  void renderSample_sameBytesInEveryLocale() throws Exception {
    Path defaultOutput = work.resolve("default");
    List<String> defaultSummary = runChild(List.of(), defaultOutput);
    Map<String, String> expected = snapshot(defaultOutput.resolve(Samples.DEFAULT));

    for (Variant variant : VARIANTS) {
      Path output = work.resolve(variant.name().replaceAll("[^A-Za-z0-9]", "-"));
      List<String> summary = runChild(variant.options(), output);

      assertThat(snapshot(output.resolve(Samples.DEFAULT))).as(variant.name()).isEqualTo(expected);
      assertThat(summary).as(variant.name()).isEqualTo(defaultSummary);
    }
  }

  /**
   * Runs {@link FixedSecretsRenderSample} in a child JVM and returns its output lines, with the
   * output folder replaced by {@code <output>} so that runs into different folders compare equal.
   */
  private static List<String> runChild(List<String> options, Path output) throws Exception {
    Path log = Files.createTempFile("kubetopology-child-", ".log");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(options);
      command.addAll(List.of("-cp", classPath()));
      command.add(FixedSecretsRenderSample.class.getName());
      command.addAll(List.of(Samples.DEFAULT, output.toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      List<String> lines = new String(Files.readAllBytes(log), UTF_8).lines().toList();
      assertThat(process.isAlive()).as("child JVM timed out: %s", lines).isFalse();
      assertThat(process.exitValue()).as("child JVM %s: %s", options, lines).isZero();
      String folder = output.resolve(Samples.DEFAULT).toAbsolutePath().normalize().toString();
      return lines.stream().map(line -> line.replace(folder, "<output>")).toList();
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Returns the class path of this test JVM as the child needs it: the module path, the class path
   * and the test classes, because Surefire puts the modules under test on the module path.
   */
  private static String classPath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      for (String entry : value.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(entry);
        }
      }
    }
    entries.add(
        Path.of(
                FixedSecretsRenderSample.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString());
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Returns each file below {@code root} with its mode and its bytes, read as ISO-8859-1 so that
   * equal strings mean equal bytes.
   */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        files.put(
            root.relativize(path).toString(),
            mode + System.lineSeparator() + new String(Files.readAllBytes(path), ISO_8859_1));
      }
    }
    assertThat(files).as("files below %s", root).isNotEmpty();
    return files;
  }
}
