package io.kubetopology.render;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code haproxy -c} and {@code keepalived -t} configuration checks against rendered
 * text, so tests catch output that the tools themselves reject.
 *
 * <p>The keepalived check needs root. It creates a network namespace that contains the configured
 * interface, then runs keepalived in a private mount namespace where the rendered files appear at
 * their absolute paths, so the host's network and {@code /etc} stay untouched.
 */
final class RealTools {

  /** System property that turns a missing tool from a skipped test into a failed one. */
  static final String REQUIRE_TOOLS_PROPERTY = "kubetopology.requireTools";

  /** Debian command that installs the checked tools and what the live tests run beside them. */
  static final String INSTALL_COMMAND =
      "apt-get install -y haproxy keepalived iproute2 openssl curl procps e2fsprogs";

  /** Path at which {@link #keepalivedCheck} places the configuration under test. */
  static final String KEEPALIVED_CONF_PATH = "/etc/keepalived/keepalived.conf";

  /** Maximum run time of each process that a check starts. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  // A fixed PATH, so that tools in sbin directories are found even when the JVM's PATH lacks them.
  static final String SEARCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final System.Logger LOGGER = System.getLogger(RealTools.class.getName());

  // Linux (dev_valid_name in net/core/dev.c) rejects interface names longer than 15 bytes or
  // containing '/', ':' or whitespace. This pattern is stricter and also rejects a leading '-',
  // which ip would read as an option.
  private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");

  private static final Pattern ADDRESS_WITH_PREFIX = Pattern.compile("[0-9A-Fa-f.:]+/[0-9]{1,3}");

  // The overlay mount takes its directories inside a comma-separated option string, where these
  // characters would change the meaning.
  private static final Pattern OVERLAY_UNSAFE = Pattern.compile("[,:\\\\]");

  // Exit status of MOUNT_THEN_EXEC_SCRIPT when a mount step fails. Status 126 and 127 come from sh
  // when the final exec fails. keepalived 2.2.7 documents statuses 0 to 5 and was seen to exit
  // with 6 and with 143 (SIGTERM), so 125 to 127 are read as a failed setup.
  private static final int MOUNT_STEP_FAILED = 125;

  // Runs inside the private mount namespace. Its positional parameters are mount steps
  // ("overlay LOWER UPPER WORK", "mkdir DIRECTORY", "bind SOURCE TARGET"), then "--", then the
  // command to exec. Paths arrive only as parameters and never become part of the script text.
  private static final String MOUNT_THEN_EXEC_SCRIPT =
      """
      set -eu
      umask 022
      fail() { echo "mount step failed: $*" >&2; exit 125; }
      while [ "$1" != "--" ]; do
        case "$1" in
          overlay)
            options="lowerdir=$2,upperdir=$3,workdir=$4"
            mount -t overlay kubetopology-check -o "$options" "$2" || fail overlay "$2"
            shift 4 ;;
          mkdir) mkdir -p "$2" || fail mkdir "$2"; shift 2 ;;
          bind) mount --bind "$2" "$3" || fail bind "$2" "$3"; shift 3 ;;
          *) fail "unknown step $1" ;;
        esac
      done
      shift
      exec "$@"
      """;

  private RealTools() {}

  /**
   * Outcome of one tool run.
   *
   * @param command the argument vector that ran
   * @param exitCode the exit status, or 128 + signal number when a signal ended the process
   * @param output standard output and standard error lines, in the order the process wrote them
   * @param warnings the output lines that report a warning or an error
   */
  record ToolResult(
      List<String> command, int exitCode, List<String> output, List<String> warnings) {

    ToolResult {
      command = List.copyOf(command);
      output = List.copyOf(output);
      warnings = List.copyOf(warnings);
    }

    /** Returns whether the tool exited with status 0 and printed no warning. */
    boolean isClean() {
      return exitCode == 0 && warnings.isEmpty();
    }

    /**
     * Describes the run for assertion messages, showing a multi-line argument as {@code <script>}.
     */
    @Override
    public String toString() {
      List<String> shownCommand =
          command.stream()
              .map(argument -> argument.contains("\n") ? "<script>" : argument)
              .toList();
      StringBuilder text = new StringBuilder();
      text.append(String.join(" ", shownCommand)).append(" exited with ").append(exitCode);
      text.append(output.isEmpty() ? " and printed nothing" : ", output:");
      for (String line : output) {
        text.append(System.lineSeparator()).append("  ").append(line);
      }
      return text.toString();
    }
  }

  /**
   * File content and Unix permission bits of a file that {@link #keepalivedCheck} places at an
   * absolute path.
   */
  record ScriptFile(String content, int mode) {

    ScriptFile {
      Objects.requireNonNull(content, "content");
      if (mode < 0 || mode > 0777) {
        throw new IllegalArgumentException(
            "mode must be between 0 and 0777 (octal), got 0" + Integer.toOctalString(mode));
      }
    }

    /** Returns a file with mode 0755, which script security accepts when root owns the file. */
    static ScriptFile executable(String content) {
      return new ScriptFile(content, 0755);
    }
  }

  /**
   * Writes {@code haproxyCfg} to a temporary file and runs {@code haproxy -c -f FILE} on it.
   *
   * <p>Warnings are the lines that start with {@code [WARNING]} or {@code [ALERT]}. haproxy 2.6
   * explains some warnings on the indented lines after them that start with {@code |}, and those
   * lines appear in {@link ToolResult#output()} only.
   *
   * @throws IllegalStateException if haproxy is not installed or does not finish within {@link
   *     #TIMEOUT}
   */
  static ToolResult haproxyCheck(String haproxyCfg) {
    Objects.requireNonNull(haproxyCfg, "haproxyCfg");
    Path haproxy = requireExecutable("haproxy");
    try (TempDirectory work = TempDirectory.create("kubetopology-haproxy-")) {
      Path cfg = work.path().resolve("haproxy.cfg");
      writeString(cfg, haproxyCfg);
      List<String> command = List.of(haproxy.toString(), "-c", "-f", cfg.toString());
      return classify(command, runAndCheckTime(command), RealTools::isHaproxyWarning);
    }
  }

  /**
   * Runs {@code keepalived -t} on {@code keepalivedConf} inside a new network namespace and a
   * private mount namespace, then deletes the network namespace and the temporary files.
   *
   * <p>The network namespace contains one end of a veth pair named {@code interfaceName}, up and
   * carrying {@code interfaceAddressWithPrefix} (such as {@code 10.0.0.11/24}). The configuration
   * appears at {@link #KEEPALIVED_CONF_PATH}, mode 0644, and each entry of {@code filesAtPaths} at
   * its absolute path, all root-owned in root-owned directories of mode 0755, because {@code
   * enable_script_security} rejects scripts with a path component that a non-root user can write.
   * The directory of each file is bind-mounted from a fresh copy, so the host's files in it are
   * hidden. A directory that does not exist on the host is created inside an overlay of its nearest
   * existing ancestor.
   *
   * <p>keepalived 2.2.7 exits with status 5 for errors that it would work around at run time and
   * with 6 when scripts run without script security. Its man page lists these as 4 and 5.
   *
   * <p>NOTE: keepalived 2.2.7 -t accepts a tracked script that lacks its execute bit and does not
   * check notify scripts at all, so a clean result proves neither.
   *
   * @throws IllegalArgumentException if the interface name, the address or a path is invalid
   * @throws IllegalStateException if a tool is missing, the namespace setup fails, or a process
   *     does not finish within {@link #TIMEOUT}
   */
  static ToolResult keepalivedCheck(
      String keepalivedConf,
      String interfaceName,
      String interfaceAddressWithPrefix,
      Map<String, ScriptFile> filesAtPaths) {
    Objects.requireNonNull(keepalivedConf, "keepalivedConf");
    SortedMap<Path, ScriptFile> files = filesByPath(keepalivedConf, filesAtPaths);
    requireValid(interfaceName, interfaceAddressWithPrefix);
    Path ip = requireExecutable("ip");
    Path unshare = requireExecutable("unshare");
    Path keepalived = requireExecutable("keepalived");

    try (TempDirectory work = TempDirectory.create("kubetopology-keepalived-");
        NetworkNamespace namespace = NetworkNamespace.create(ip)) {
      namespace.addVeth(interfaceName, interfaceAddressWithPrefix);

      List<String> command = new ArrayList<>();
      command.addAll(List.of(ip.toString(), "netns", "exec", namespace.name()));
      command.addAll(
          withStagedFiles(
              unshare,
              work.path(),
              files,
              List.of(keepalived.toString(), "-t", "-f", KEEPALIVED_CONF_PATH)));

      RunResult result = runAndCheckTime(command);
      if (result.exitCode() >= MOUNT_STEP_FAILED && result.exitCode() <= 127) {
        throw new IllegalStateException(
            "keepalived check setup failed with exit code "
                + result.exitCode()
                + ": "
                + String.join(System.lineSeparator(), result.output()));
      }
      return classify(command, result, RealTools::isKeepalivedWarning);
    }
  }

  /**
   * Stages {@code filesAtPaths} below {@code work} and returns the command that runs {@code
   * command} in a private mount namespace where each file appears at its absolute path, as {@link
   * #keepalivedCheck} places them. Prefix the result with {@code ip netns exec NAME} to run it in a
   * network namespace too. The host's files stay untouched, and {@code work} must outlive the
   * process.
   *
   * @throws IllegalArgumentException if a path is not absolute and normalized
   * @throws IllegalStateException if unshare is not installed
   */
  static List<String> inMountNamespace(
      Path work, Map<String, ScriptFile> filesAtPaths, List<String> command) {
    SortedMap<Path, ScriptFile> files = new TreeMap<>();
    addFiles(files, filesAtPaths);
    return withStagedFiles(requireExecutable("unshare"), work, files, command);
  }

  private static List<String> withStagedFiles(
      Path unshare, Path work, SortedMap<Path, ScriptFile> files, List<String> command) {
    Path stage = work.resolve("stage");
    stageFiles(stage, files);
    List<String> result = new ArrayList<>();
    result.addAll(List.of(unshare.toString(), "--mount", "--propagation", "private", "--"));
    result.addAll(List.of("/bin/sh", "-c", MOUNT_THEN_EXEC_SCRIPT, "kubetopology-mounts"));
    result.addAll(planMountSteps(stage, work, files.keySet()));
    result.add("--");
    result.addAll(command);
    return result;
  }

  /** Returns whether the haproxy executable is installed. */
  static boolean haproxyAvailable() {
    return findExecutable("haproxy").isPresent();
  }

  /**
   * Returns whether {@link #keepalivedCheck} can run: keepalived, ip and unshare are installed, the
   * process runs as root, and a network namespace with a veth pair can be created. The namespace
   * probe runs once per JVM.
   */
  static boolean keepalivedAvailable() {
    return KeepalivedProbe.AVAILABLE;
  }

  /** Returns whether etcd, etcdctl and openssl are installed, as the etcd cluster test needs. */
  static boolean etcdAvailable() {
    return Stream.of("etcd", "etcdctl", "openssl")
        .allMatch(name -> findExecutable(name).isPresent());
  }

  /** Returns whether openssl is installed. */
  static boolean opensslAvailable() {
    return findExecutable("openssl").isPresent();
  }

  /**
   * Returns the absolute path of {@code name} in the fixed search path.
   *
   * @throws IllegalStateException if it is not installed
   */
  static Path executable(String name) {
    return requireExecutable(name);
  }

  /**
   * Skips the calling test when a tool is missing, or fails it when the system property {@value
   * #REQUIRE_TOOLS_PROPERTY} is {@code true}, as it is in CI.
   *
   * @param available whether the tool can run, from {@link #haproxyAvailable()} or {@link
   *     #keepalivedAvailable()}
   * @param whatToInstall the missing tool, named in the message
   */
  static void assumeOrRequire(boolean available, String whatToInstall) {
    assumeOrRequireTool(
        available,
        whatToInstall,
        INSTALL_COMMAND,
        " keepalived checks also need root and a working `ip netns`.");
  }

  /**
   * Skips or fails the calling test as {@link #assumeOrRequire(boolean, String)} does, with {@code
   * installCommand} as the way to install the missing tool.
   */
  static void assumeOrRequire(boolean available, String whatToInstall, String installCommand) {
    assumeOrRequireTool(available, whatToInstall, installCommand, "");
  }

  private static void assumeOrRequireTool(
      boolean available, String whatToInstall, String installCommand, String note) {
    if (available) {
      return;
    }
    String message =
        whatToInstall
            + " is not available, so the check against the real tool cannot run. Install it with `"
            + installCommand
            + "`."
            + note;
    if (Boolean.getBoolean(REQUIRE_TOOLS_PROPERTY)) {
      Assertions.fail(
          message + " The check is required because " + REQUIRE_TOOLS_PROPERTY + "=true.");
    }
    Assumptions.assumeTrue(
        false, message + " Skipped because " + REQUIRE_TOOLS_PROPERTY + " is not true.");
  }

  private static boolean isHaproxyWarning(String line) {
    return line.startsWith("[WARNING]") || line.startsWith("[ALERT]");
  }

  // keepalived 2.2.7 -t prints nothing at all for a clean configuration. That was checked with
  // Debian 12's keepalived 1:2.2.7-1+b2 and clean configurations that vary state, priority,
  // router_id, unicast peers, the
  // virtual address prefix, and whether the interface is up or has an address. No line is known to
  // be harmless, so every non-blank output line counts as a complaint. Exit status 0 alone proves
  // little: a missing configuration file exits 0 after printing "Config files missing", and
  // unknown command-line arguments exit 0 after printing "Unexpected argument(s)".
  private static boolean isKeepalivedWarning(String line) {
    return !line.isBlank();
  }

  private static ToolResult classify(
      List<String> command, RunResult result, Predicate<String> isWarning) {
    List<String> warnings = result.output().stream().filter(isWarning).toList();
    return new ToolResult(command, result.exitCode(), result.output(), warnings);
  }

  private static SortedMap<Path, ScriptFile> filesByPath(
      String keepalivedConf, Map<String, ScriptFile> filesAtPaths) {
    SortedMap<Path, ScriptFile> files = new TreeMap<>();
    files.put(Path.of(KEEPALIVED_CONF_PATH), new ScriptFile(keepalivedConf, 0644));
    addFiles(files, filesAtPaths);
    return files;
  }

  private static void addFiles(
      SortedMap<Path, ScriptFile> files, Map<String, ScriptFile> filesAtPaths) {
    for (Map.Entry<String, ScriptFile> entry : filesAtPaths.entrySet()) {
      Path path = Path.of(entry.getKey());
      if (!path.isAbsolute() || !path.normalize().equals(path) || path.getNameCount() < 2) {
        throw new IllegalArgumentException(
            "file path must be absolute, normalized and below a top-level directory, got "
                + entry.getKey());
      }
      if (files.containsKey(path)) {
        throw new IllegalArgumentException(
            entry.getKey() + " is reserved for the keepalived configuration under test");
      }
      files.put(path, Objects.requireNonNull(entry.getValue(), entry.getKey()));
    }
  }

  private static void requireValid(String interfaceName, String addressWithPrefix) {
    if (!INTERFACE_NAME.matcher(interfaceName).matches()) {
      throw new IllegalArgumentException(
          "invalid interface name '"
              + interfaceName
              + "': use 1 to 15 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
    }
    if (!ADDRESS_WITH_PREFIX.matcher(addressWithPrefix).matches()) {
      throw new IllegalArgumentException(
          "invalid interface address '"
              + addressWithPrefix
              + "': expected an IP address with a prefix length, such as 10.0.0.11/24");
    }
  }

  // Writes every file below the stage directory at its absolute path, such as
  // STAGE/etc/keepalived/keepalived.conf, and makes every staged directory mode 0755.
  private static void stageFiles(Path stage, SortedMap<Path, ScriptFile> files) {
    Path root = Path.of("/");
    try {
      for (Map.Entry<Path, ScriptFile> entry : files.entrySet()) {
        Path staged = stage.resolve(root.relativize(entry.getKey()).toString());
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, entry.getValue().content(), UTF_8);
        Files.setPosixFilePermissions(staged, permissions(entry.getValue().mode()));
      }
      try (Stream<Path> paths = Files.walk(stage)) {
        for (Path directory : paths.filter(Files::isDirectory).toList()) {
          Files.setPosixFilePermissions(directory, permissions(0755));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "failed to stage files for the keepalived check in " + stage, e);
    }
  }

  /**
   * Plans the mount steps that make the staged files appear at their absolute paths. Overlays come
   * first because a later overlay would hide a bind mount below it. Each file's directory is then
   * bind-mounted from the stage, and a directory below another such directory needs no mount of its
   * own.
   */
  private static List<String> planMountSteps(Path stage, Path work, Set<Path> filePaths) {
    SortedSet<Path> directories = outermost(filePaths.stream().map(Path::getParent).toList());
    List<Path> missing = directories.stream().filter(d -> !Files.isDirectory(d)).toList();
    // NOTE: an overlay shows the lower directory without the mounts below it, so inside a container
    // an overlay of /etc shows the image's /etc/hosts and /etc/resolv.conf, not the mounted ones.
    SortedSet<Path> overlayRoots =
        outermost(missing.stream().map(RealTools::nearestExistingAncestor).toList());

    List<String> steps = new ArrayList<>();
    int index = 0;
    for (Path lower : overlayRoots) {
      Path upper = createDirectories(work.resolve("overlay-" + index + "/upper"));
      Path workDir = createDirectories(work.resolve("overlay-" + index + "/work"));
      requireOverlaySafe(lower);
      requireOverlaySafe(upper);
      requireOverlaySafe(workDir);
      steps.addAll(List.of("overlay", lower.toString(), upper.toString(), workDir.toString()));
      index++;
    }
    for (Path directory : missing) {
      steps.addAll(List.of("mkdir", directory.toString()));
    }
    Path root = Path.of("/");
    for (Path directory : directories) {
      Path source = stage.resolve(root.relativize(directory).toString());
      steps.addAll(List.of("bind", source.toString(), directory.toString()));
    }
    return steps;
  }

  // Keeps only the paths that are not below another path in the collection.
  private static SortedSet<Path> outermost(List<Path> paths) {
    SortedSet<Path> result = new TreeSet<>();
    for (Path path : new TreeSet<>(paths)) {
      if (result.stream().noneMatch(path::startsWith)) {
        result.add(path);
      }
    }
    return result;
  }

  private static Path nearestExistingAncestor(Path directory) {
    Path ancestor = directory.getParent();
    while (!Files.isDirectory(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor.getParent() == null) {
      // An overlay of / would contain its own upper directory, which overlayfs rejects.
      throw new IllegalArgumentException(
          "cannot place a file in "
              + directory
              + " because its top-level directory is missing on the host. Use a path below an"
              + " existing top-level directory such as /etc.");
    }
    return ancestor;
  }

  private static void requireOverlaySafe(Path path) {
    if (OVERLAY_UNSAFE.matcher(path.toString()).find()) {
      throw new IllegalArgumentException(
          "cannot use " + path + " in an overlay mount because it contains ',', ':' or '\\'");
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] byBit = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ,
    };
    for (int bit = 0; bit < byBit.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        result.add(byBit[bit]);
      }
    }
    return result;
  }

  /**
   * Returns the path of the executable {@code name} in the fixed search path.
   *
   * @throws IllegalStateException if it is not installed
   */
  static Path requireExecutable(String name) {
    return findExecutable(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name
                        + " not found in "
                        + SEARCH_PATH
                        + ". Install it with `"
                        + INSTALL_COMMAND
                        + "`."));
  }

  /** Returns the path of the executable {@code name} in the fixed search path, if installed. */
  static Optional<Path> findExecutable(String name) {
    return Stream.of(SEARCH_PATH.split(":"))
        .map(directory -> Path.of(directory, name))
        .filter(path -> Files.isRegularFile(path) && Files.isExecutable(path))
        .findFirst();
  }

  /** Returns whether the JVM runs as root, read from /proc so that no extra module is needed. */
  static boolean runsAsRoot() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines
          .filter(line -> line.startsWith("Uid:"))
          .map(line -> line.split("\\s+")[2])
          .anyMatch("0"::equals);
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "failed to read /proc/self/status, so the user id is unknown", e);
      return false;
    }
  }

  /** Exit status and output lines of a finished process. */
  record RunResult(int exitCode, List<String> output) {}

  /**
   * Runs {@code command} with a fixed PATH and the C locale, stdin from /dev/null, and stdout and
   * stderr merged in one temporary file, so that no pipe can fill up and block the process.
   *
   * @throws IllegalStateException if the process does not finish within {@link #TIMEOUT}. The
   *     process and its descendants are then killed.
   */
  static RunResult runAndCheckTime(List<String> command) {
    Path outputFile;
    try {
      outputFile = Files.createTempFile("kubetopology-tool-output-", ".txt");
    } catch (IOException e) {
      throw new UncheckedIOException("failed to create a temporary file for tool output", e);
    }
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(outputFile.toFile())
              .redirectInput(new File("/dev/null"));
      builder.environment().put("PATH", SEARCH_PATH);
      builder.environment().put("LC_ALL", "C");
      Process process = builder.start();
      try {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          destroyWithDescendants(process);
          throw new IllegalStateException(
              String.join(" ", command)
                  + " timed out after "
                  + TIMEOUT.toSeconds()
                  + " s, output so far: "
                  + String.join(System.lineSeparator(), readLines(outputFile)));
        }
      } catch (InterruptedException e) {
        destroyWithDescendants(process);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + command, e);
      }
      return new RunResult(process.exitValue(), readLines(outputFile));
    } catch (IOException e) {
      throw new UncheckedIOException("failed to start " + String.join(" ", command), e);
    } finally {
      deleteQuietly(outputFile);
    }
  }

  /**
   * Runs a setup command with the fixed PATH and the C locale and returns its output lines.
   *
   * @throws IllegalStateException unless it exits with status 0 within {@link #TIMEOUT}
   */
  static List<String> runOrThrow(List<String> command) {
    RunResult result = runAndCheckTime(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " failed with exit code "
              + result.exitCode()
              + ": "
              + String.join(System.lineSeparator(), result.output()));
    }
    return result.output();
  }

  private static void destroyWithDescendants(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Decodes leniently, so that a tool printing invalid UTF-8 cannot hide its own output.
  private static List<String> readLines(Path file) throws IOException {
    return new String(Files.readAllBytes(file), UTF_8).lines().toList();
  }

  private static void writeString(Path file, String content) {
    try {
      Files.writeString(file, content, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to write " + file, e);
    }
  }

  private static Path createDirectories(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to create " + directory, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "failed to delete temporary file " + file, e);
    }
  }

  /** Temporary directory that is deleted with its contents on close. */
  private record TempDirectory(Path path) implements AutoCloseable {

    static TempDirectory create(String prefix) {
      try {
        return new TempDirectory(Files.createTempDirectory(prefix));
      } catch (IOException e) {
        throw new UncheckedIOException("failed to create a temporary directory", e);
      }
    }

    @Override
    public void close() {
      try (Stream<Path> paths = Files.walk(path)) {
        for (Path entry : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(entry);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("failed to delete temporary directory " + path, e);
      }
    }
  }

  /**
   * Network namespace with a random {@code kt-} name, created by {@code ip netns add} and deleted
   * on close. Deleting it also deletes the veth pair inside.
   */
  private record NetworkNamespace(Path ip, String name) implements AutoCloseable {

    static NetworkNamespace create(Path ip) {
      String name = String.format("kt-%08x", ThreadLocalRandom.current().nextInt());
      runOrThrow(List.of(ip.toString(), "netns", "add", name));
      return new NetworkNamespace(ip, name);
    }

    /** Creates a veth pair in this namespace, with one end named and addressed as given. */
    void addVeth(String interfaceName, String addressWithPrefix) {
      String peerName = interfaceName.equals("kt-peer0") ? "kt-peer1" : "kt-peer0";
      String ipPath = ip.toString();
      runOrThrow(
          List.of(
              ipPath,
              "-n",
              name,
              "link",
              "add",
              interfaceName,
              "type",
              "veth",
              "peer",
              "name",
              peerName));
      runOrThrow(
          List.of(ipPath, "-n", name, "address", "add", addressWithPrefix, "dev", interfaceName));
      runOrThrow(List.of(ipPath, "-n", name, "link", "set", interfaceName, "up"));
      runOrThrow(List.of(ipPath, "-n", name, "link", "set", peerName, "up"));
    }

    @Override
    public void close() {
      runOrThrow(List.of(ip.toString(), "netns", "delete", name));
    }
  }

  // Holds the namespace probe so that it runs once, on the first call to keepalivedAvailable().
  private static final class KeepalivedProbe {

    static final boolean AVAILABLE = probe();

    private static boolean probe() {
      Optional<Path> ip = findExecutable("ip");
      if (findExecutable("keepalived").isEmpty()
          || findExecutable("unshare").isEmpty()
          || ip.isEmpty()
          || !runsAsRoot()) {
        return false;
      }
      try (NetworkNamespace namespace = NetworkNamespace.create(ip.get())) {
        // 192.0.2.0/24 is reserved for documentation (RFC 5737), and nothing is sent from here.
        namespace.addVeth("kt-probe", "192.0.2.1/24");
        return true;
      } catch (RuntimeException e) {
        LOGGER.log(
            Level.WARNING,
            "failed to create a network namespace with a veth pair, so keepalived checks cannot run",
            e);
        return false;
      }
    }
  }
}
