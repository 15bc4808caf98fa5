package io.kubetopology.render;

import io.kubetopology.api.IpAddress;
import io.kubetopology.api.Node;
import io.kubetopology.render.RealTools.ScriptFile;
import io.kubetopology.render.internal.NodePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Control planes in network namespaces on one layer-2 segment, for running the rendered keepalived
 * files against each other.
 *
 * <p>Each node gets a network namespace with its loopback up and one end of a veth pair named and
 * addressed as the topology specifies, such as {@code eth0} with {@code 10.0.0.11/24}. The other
 * ends are ports of a bridge in a namespace of their own, which plays the switch. Nothing is
 * attached to the host's network, so VRRP adverts, ARP and health checks never leave these
 * namespaces.
 *
 * <p>On each node a stand-in for the local haproxy frontend, {@code openssl s_server -www},
 * responds to every HTTPS request with status 200 on {@code 127.0.0.1}, and keepalived runs in the
 * foreground in a private mount namespace where the node's rendered files sit at their rendered
 * paths. {@link #close()} stops every process through its pid and deletes the namespaces and the
 * temporary folder, also after a failed test.
 */
final class VrrpLab implements AutoCloseable {
  /**
   * The resource lock of test classes that create network namespaces (shared) or list them
   * (exclusive), so that a listing never finds the namespaces of a test running beside it in this
   * JVM. Builds in other processes on the same machine are not covered.
   */
  static final String NAMESPACES = "network-namespaces";

  private static final Duration STAND_IN_START_BOUND = Duration.ofSeconds(10);

  private final String prefix;
  private final Path work;
  private final ThrowawayCertificate certificate;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, LiveProcess> standIns = new LinkedHashMap<>();
  private final Map<String, LiveProcess> keepaliveds = new LinkedHashMap<>();
  private final Set<String> disconnected = new HashSet<>();
  private final List<String> namespaces = new ArrayList<>();
  private int starts;

  /** One node of the lab: its namespace, its interface and the bridge port it hangs on. */
  private record Member(String node, String namespace, String interfaceName, String bridgePort) {}

  private VrrpLab(String prefix, Path work, ThrowawayCertificate certificate) {
    this.prefix = prefix;
    this.work = work;
    this.certificate = certificate;
  }

  /**
   * Returns whether labs can run here: as root, with ip, keepalived, unshare, openssl, curl and
   * kill installed, and with network namespaces that can hold a bridge and veth pairs. The probe
   * runs once per JVM.
   */
  static boolean available() {
    return Probe.AVAILABLE;
  }

  /**
   * Creates the bridge and one namespace per node, each with the node's interface name and address.
   *
   * @param defaultInterface the interface name for nodes that name none, as keepalived uses it
   */
  static VrrpLab create(List<Node> nodes, String defaultInterface) {
    String prefix = String.format("ktv%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    Path work = createWorkDirectory(prefix);
    ThrowawayCertificate certificate;
    try {
      certificate = ThrowawayCertificate.create(work);
    } catch (RuntimeException e) {
      deleteTree(work);
      throw e;
    }
    VrrpLab lab = new VrrpLab(prefix, work, certificate);
    try {
      lab.addBridge();
      for (Node node : nodes) {
        lab.addMember(node, node.interfaceName().orElse(defaultInterface));
      }
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  /**
   * Starts the HTTPS stand-in on {@code 127.0.0.1:port} inside the node's namespace and waits until
   * it responds, so that the first health check of keepalived already succeeds.
   */
  void startStandIn(String node, int port) {
    Member member = member(node);
    List<String> command = new ArrayList<>(netnsExec(member));
    command.addAll(
        List.of(
            RealTools.requireExecutable("openssl").toString(),
            "s_server",
            "-quiet",
            "-www",
            "-accept",
            "127.0.0.1:" + port,
            "-cert",
            certificate.certificatePem().toString(),
            "-key",
            certificate.keyPem().toString()));
    LiveProcess process = LiveProcess.start("stand-in on " + node, command, log(node, "stand-in"));
    standIns.put(node, process);
    awaitStandIn(member, port, process);
  }

  /** Stops the stand-in of {@code node}, so the node's health check fails from then on. */
  void stopStandIn(String node) {
    LiveProcess process = standIns.remove(node);
    if (process != null) {
      process.stop();
    }
  }

  /**
   * Starts keepalived on {@code node} with the node's rendered keepalived.conf and
   * check_apiserver.sh at their rendered paths and modes.
   */
  void startKeepalived(String node, BundleFile keepalivedConf, BundleFile checkScript) {
    Member member = member(node);
    Path run = createDirectory(work.resolve(node + "-keepalived-" + ++starts));
    Map<String, ScriptFile> files =
        Map.of(
            NodePaths.KEEPALIVED_CONFIG,
            new ScriptFile(keepalivedConf.text(), keepalivedConf.mode()),
            NodePaths.CHECK_APISERVER_SCRIPT,
            new ScriptFile(checkScript.text(), checkScript.mode()));
    List<String> keepalived =
        List.of(
            RealTools.requireExecutable("keepalived").toString(),
            "--dont-fork",
            "--log-console",
            "--log-detail",
            "--no-syslog",
            "--vrrp",
            "--use-file=" + NodePaths.KEEPALIVED_CONFIG,
            "--pid=" + run.resolve("keepalived.pid"),
            "--vrrp_pid=" + run.resolve("vrrp.pid"),
            "--checkers_pid=" + run.resolve("checkers.pid"));
    List<String> command = new ArrayList<>(netnsExec(member));
    command.addAll(RealTools.inMountNamespace(run, files, keepalived));
    keepaliveds.put(
        node, LiveProcess.start("keepalived on " + node, command, log(node, "keepalived")));
  }

  /**
   * Fails the machine of {@code node}: keepalived dies without cleaning up, as in a crash or a
   * power loss, and the node's port on the bridge goes down, as if its cable were pulled. The
   * virtual IP stays configured on the dead node's interface, where no other node can reach it.
   */
  void failMachine(String node) {
    LiveProcess keepalived = keepaliveds.remove(node);
    if (keepalived != null) {
      keepalived.kill();
    }
    setBridgePort(member(node), "down");
    disconnected.add(node);
  }

  /** Puts the node's bridge port up again after {@link #failMachine}. */
  void reconnect(String node) {
    setBridgePort(member(node), "up");
    disconnected.remove(node);
  }

  /**
   * Returns the connected nodes whose interface carries {@code address}, in topology order. A node
   * that {@link #failMachine} cut off is left out, because no other node can reach an address
   * there.
   */
  List<String> holders(IpAddress address) {
    String expected = (address.isIpv4() ? "inet " : "inet6 ") + address + "/";
    List<String> holders = new ArrayList<>();
    for (Member member : members.values()) {
      if (!disconnected.contains(member.node()) && carries(member, expected)) {
        holders.add(member.node());
      }
    }
    return holders;
  }

  /** Returns every node whose interface carries {@code address}, connected or not. */
  List<String> allHolders(IpAddress address) {
    String expected = (address.isIpv4() ? "inet " : "inet6 ") + address + "/";
    return members.values().stream()
        .filter(member -> carries(member, expected))
        .map(Member::node)
        .toList();
  }

  /** Returns what keepalived on {@code node} has logged so far, for assertions and messages. */
  List<String> keepalivedLog(String node) {
    return readLines(log(node, "keepalived"));
  }

  /** Returns the last lines that keepalived logged on each node, for assertion messages. */
  String describe() {
    StringBuilder text = new StringBuilder();
    for (String node : members.keySet()) {
      List<String> lines = keepalivedLog(node);
      text.append(System.lineSeparator()).append("keepalived on ").append(node).append(':');
      lines
          .subList(Math.max(0, lines.size() - 15), lines.size())
          .forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
    }
    return text.toString();
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    Stream.concat(keepaliveds.values().stream(), standIns.values().stream())
        .forEach(process -> collect(failures, process::close));
    keepaliveds.clear();
    standIns.clear();
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      String namespace = namespaces.get(i);
      collect(failures, () -> RealTools.runOrThrow(ip("netns", "delete", namespace)));
    }
    namespaces.clear();
    collect(failures, () -> deleteTree(work));
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("lab cleanup failed: " + failures);
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private void addBridge() {
    String bridgeNamespace = prefix + "-br";
    RealTools.runOrThrow(ip("netns", "add", bridgeNamespace));
    namespaces.add(bridgeNamespace);
    RealTools.runOrThrow(ip("-n", bridgeNamespace, "link", "add", "br0", "type", "bridge"));
    RealTools.runOrThrow(ip("-n", bridgeNamespace, "link", "set", "br0", "up"));
  }

  private void addMember(Node node, String interfaceName) {
    String namespace = prefix + "-" + node.name();
    String bridgeNamespace = prefix + "-br";
    String bridgePort = prefix + "p" + members.size();
    RealTools.runOrThrow(ip("netns", "add", namespace));
    namespaces.add(namespace);
    RealTools.runOrThrow(ip("-n", namespace, "link", "set", "lo", "up"));
    // Both ends are created right inside their namespaces, so the host never gets a second eth0.
    RealTools.runOrThrow(
        ip(
            "link",
            "add",
            interfaceName,
            "netns",
            namespace,
            "type",
            "veth",
            "peer",
            "name",
            bridgePort,
            "netns",
            bridgeNamespace));
    RealTools.runOrThrow(
        ip("-n", namespace, "address", "add", node.address().toString(), "dev", interfaceName));
    RealTools.runOrThrow(ip("-n", namespace, "link", "set", interfaceName, "up"));
    RealTools.runOrThrow(ip("-n", bridgeNamespace, "link", "set", bridgePort, "master", "br0"));
    RealTools.runOrThrow(ip("-n", bridgeNamespace, "link", "set", bridgePort, "up"));
    members.put(node.name(), new Member(node.name(), namespace, interfaceName, bridgePort));
  }

  private void setBridgePort(Member member, String state) {
    RealTools.runOrThrow(ip("-n", prefix + "-br", "link", "set", member.bridgePort(), state));
  }

  private boolean carries(Member member, String expected) {
    List<String> lines =
        RealTools.runOrThrow(
            ip("-n", member.namespace(), "-o", "address", "show", "dev", member.interfaceName()));
    return lines.stream().anyMatch(line -> line.contains(expected));
  }

  private void awaitStandIn(Member member, int port, LiveProcess process) {
    List<String> probe = new ArrayList<>(netnsExec(member));
    probe.addAll(
        List.of(
            RealTools.requireExecutable("curl").toString(),
            "--silent",
            "--fail",
            "--insecure",
            "--max-time",
            "1",
            "--output",
            "/dev/null",
            "https://127.0.0.1:" + port + "/readyz"));
    Await.Outcome<Integer> outcome =
        Await.until(
            STAND_IN_START_BOUND,
            () -> RealTools.runAndCheckTime(probe).exitCode(),
            exitCode -> exitCode == 0);
    if (!outcome.met()) {
      throw new IllegalStateException(
          process + " did not answer on port " + port + ": " + process.logLines());
    }
  }

  private Member member(String node) {
    Member member = members.get(node);
    if (member == null) {
      throw new IllegalArgumentException("no node '" + node + "' in the lab: " + members.keySet());
    }
    return member;
  }

  private List<String> netnsExec(Member member) {
    return List.of(
        RealTools.requireExecutable("ip").toString(), "netns", "exec", member.namespace());
  }

  private Path log(String node, String daemon) {
    return work.resolve(node + "-" + daemon + ".log");
  }

  private static List<String> ip(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(RealTools.requireExecutable("ip").toString());
    command.addAll(List.of(arguments));
    return command;
  }

  private static void collect(List<RuntimeException> failures, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read " + file, e);
    }
  }

  private static Path createWorkDirectory(String prefix) {
    try {
      return Files.createTempDirectory("kubetopology-" + prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("failed to create a temporary directory", e);
    }
  }

  private static Path createDirectory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to create " + directory, e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to delete " + root, e);
    }
  }

  // Holds the probe so that it runs once, on the first call to available().
  private static final class Probe {
    static final boolean AVAILABLE = probe();

    private static boolean probe() {
      boolean toolsPresent =
          Stream.of("openssl", "curl", "kill")
              .allMatch(tool -> RealTools.findExecutable(tool).isPresent());
      if (!toolsPresent || !RealTools.keepalivedAvailable()) {
        return false;
      }
      try (VrrpLab lab = create(List.of(), "eth0")) {
        return true;
      } catch (RuntimeException e) {
        System.getLogger(VrrpLab.class.getName())
            .log(System.Logger.Level.WARNING, "failed to create a bridge in a namespace", e);
        return false;
      }
    }
  }
}
