package io.kubetopology.render;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived commands for tests, bounded in time, with standard output and standard error
 * merged in a temporary file so that no pipe can fill up and block the process.
 */
final class Commands {
  /** Maximum run time of one command. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Commands() {}

  /**
   * Outcome of one command.
   *
   * @param command the argument vector that ran
   * @param exitCode the exit status
   * @param output standard output and standard error, in the order the process wrote them
   */
  record Result(List<String> command, int exitCode, String output) {
    /** Describes the run for assertion messages. */
    @Override
    public String toString() {
      return String.join(" ", command) + " exited with " + exitCode + ", output:\n" + output;
    }
  }

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added to this process's
   * environment, and waits for it.
   *
   * @throws IllegalStateException if it does not finish within {@link #TIMEOUT}; it is then killed
   */
  static Result run(Path directory, Map<String, String> environment, List<String> command) {
    Path outputFile = createTempFile();
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(outputFile.toFile())
              .redirectInput(new File("/dev/null"));
      builder.environment().putAll(environment);
      builder.environment().put("LC_ALL", "C");
      Process process = builder.start();
      waitFor(process, command);
      return new Result(command, process.exitValue(), Files.readString(outputFile, UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("failed to run " + String.join(" ", command), e);
    } finally {
      deleteIfExists(outputFile);
    }
  }

  /** Runs {@code command} and returns its output, failing unless it exits with status 0. */
  static String runOrFail(Path directory, Map<String, String> environment, List<String> command) {
    Result result = run(directory, environment, command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(result.toString());
    }
    return result.output();
  }

  private static void waitFor(Process process, List<String> command) {
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " timed out after " + TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + command, e);
    }
  }

  private static Path createTempFile() {
    try {
      return Files.createTempFile("kubetopology-command-", ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException("failed to create a temporary file for command output", e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to delete " + file, e);
    }
  }
}
