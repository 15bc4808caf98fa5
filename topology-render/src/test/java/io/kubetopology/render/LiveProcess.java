package io.kubetopology.render;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A daemon that a live test starts in the foreground, with standard output and standard error in a
 * log file. It is stopped through its own pid and the pids of its descendants, never by name, so a
 * test touches no process that it did not start.
 */
final class LiveProcess implements AutoCloseable {
  private static final long STOP_WAIT_SECONDS = 10;

  private final String name;
  private final Process process;
  private final Path log;

  private LiveProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with the fixed search path of {@link RealTools} and the C locale,
   * appending its output to {@code log}.
   */
  static LiveProcess start(String name, List<String> command, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(new File("/dev/null"));
    builder.environment().put("PATH", RealTools.SEARCH_PATH);
    builder.environment().put("LC_ALL", "C");
    try {
      return new LiveProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to start " + name + ": " + command, e);
    }
  }

  /** Returns the name given at start, for messages. */
  String name() {
    return name;
  }

  /** Returns whether the process still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Returns the lines the process has written so far. */
  List<String> logLines() {
    try {
      return new String(Files.readAllBytes(log), UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read the log of " + name, e);
    }
  }

  /**
   * Stops the process with SIGTERM, so that it can clean up as on a normal shutdown, and kills it
   * and its descendants with SIGKILL if it is still running after {@value #STOP_WAIT_SECONDS} s.
   */
  void stop() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!waitForExit(process.toHandle())) {
      kill();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Kills the process as a crash would: every descendant and the process itself are first frozen
   * with SIGSTOP, so that a supervising parent cannot restart a child or hand it a shutdown signal,
   * and then killed with SIGKILL. Nothing gets a chance to clean up.
   */
  void kill() {
    List<String> pids = new ArrayList<>();
    process.descendants().forEach(handle -> pids.add(Long.toString(handle.pid())));
    pids.add(Long.toString(process.pid()));
    if (process.isAlive()) {
      signal("-STOP", pids);
      signal("-KILL", pids);
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitForExit(process.toHandle());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private static void signal(String signal, List<String> pids) {
    List<String> command = new ArrayList<>();
    command.add(RealTools.requireExecutable("kill").toString());
    command.add(signal);
    command.addAll(pids);
    try {
      RealTools.runOrThrow(command);
    } catch (IllegalStateException e) {
      // A process that exited in the meantime makes kill fail. The caller then kills by handle.
    }
  }

  private static boolean waitForExit(ProcessHandle handle) {
    try {
      handle.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("failed to wait for process " + handle.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
