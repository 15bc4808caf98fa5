package io.kubetopology.render;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real etcd members on 127.0.0.1, started from the flags that the bundle renders for etcd hosts,
 * with TLS from a throwaway CA that openssl creates. {@link #close()} stops every member by its
 * process and deletes the data directories, certificates and logs.
 *
 * <p>Each member gets the rendered flags with every host URL rewritten to 127.0.0.1 and a port of
 * its own, plus the TLS flags that kubeadm's etcd static pod sets: server and peer certificates and
 * client certificate checks on both sides.
 */
final class LocalEtcdCluster implements AutoCloseable {
  /** Command that installs what the cluster needs. */
  static final String INSTALL_COMMAND = "apt-get install -y etcd-server etcd-client openssl";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Path directory;
  private final List<Process> members = new ArrayList<>();

  private LocalEtcdCluster(Path directory) {
    this.directory = directory;
  }

  /**
   * Creates the throwaway CA and a certificate for 127.0.0.1 in a new temporary directory. Close
   * the returned cluster even when a later step fails.
   */
  static LocalEtcdCluster create() {
    LocalEtcdCluster cluster = new LocalEtcdCluster(createTempDirectory());
    try {
      cluster.createCertificates();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Returns {@code count} free TCP ports on 127.0.0.1, held open together so they differ. */
  static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("failed to find free ports on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Starts one member with {@code flags} (names without dashes) in a data directory of its own. The
   * member's output goes to {@code <name>.log} in the cluster's directory.
   */
  void startMember(String name, Map<String, String> flags) {
    Map<String, String> all = new LinkedHashMap<>(flags);
    all.put("data-dir", directory.resolve(name + ".etcd").toString());
    all.putAll(tlsFlags());
    List<String> command = new ArrayList<>();
    command.add(RealTools.executable("etcd").toString());
    all.forEach((flag, value) -> command.add("--" + flag + "=" + value));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve(name + ".log").toFile())
            .redirectInput(new File("/dev/null"));
    try {
      members.add(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("failed to start etcd member " + name, e);
    }
  }

  /** Runs etcdctl (API version 3) against {@code endpoints} with the client certificate. */
  Commands.Result etcdctl(List<String> endpoints, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(RealTools.executable("etcdctl").toString());
    command.add("--endpoints=" + String.join(",", endpoints));
    command.add("--cacert=" + file("ca.crt"));
    command.add("--cert=" + file("member.crt"));
    command.add("--key=" + file("member.key"));
    command.add("--dial-timeout=2s");
    command.add("--command-timeout=5s");
    command.addAll(List.of(arguments));
    return Commands.run(directory, Map.of("ETCDCTL_API", "3"), command);
  }

  /** Returns the output every member has written so far, for failure messages. */
  String logs() {
    try (Stream<Path> files = Files.list(directory)) {
      StringBuilder text = new StringBuilder();
      for (Path log : files.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        text.append("--- ").append(log.getFileName()).append(", last lines:\n");
        lines
            .subList(Math.max(0, lines.size() - 20), lines.size())
            .forEach(line -> text.append(line).append('\n'));
      }
      return text.toString();
    } catch (IOException e) {
      return "failed to read the member logs: " + e;
    }
  }

  /** Stops every member, first with SIGTERM, and deletes the directory with all its files. */
  @Override
  public void close() {
    for (Process member : members) {
      member.destroy();
    }
    for (Process member : members) {
      stop(member);
    }
    deleteTree(directory);
  }

  private static void stop(Process member) {
    try {
      if (!member.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        member.destroyForcibly();
        member.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      member.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, String> tlsFlags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("cert-file", file("member.crt"));
    flags.put("key-file", file("member.key"));
    flags.put("trusted-ca-file", file("ca.crt"));
    flags.put("client-cert-auth", "true");
    flags.put("peer-cert-file", file("member.crt"));
    flags.put("peer-key-file", file("member.key"));
    flags.put("peer-trusted-ca-file", file("ca.crt"));
    flags.put("peer-client-cert-auth", "true");
    return flags;
  }

  private String file(String name) {
    return directory.resolve(name).toString();
  }

  /**
   * Creates a CA and one certificate for 127.0.0.1 that every member uses as server, peer and
   * client certificate, as kubeadm's peer certificates carry both server and client usage.
   */
  private void createCertificates() {
    String openssl = RealTools.executable("openssl").toString();
    writeString(
        directory.resolve("member.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
            + "extendedKeyUsage=serverAuth,clientAuth\n"
            + "keyUsage=critical,digitalSignature,keyEncipherment\n");
    openssl(
        openssl,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "1",
        "-subj",
        "/CN=etcd-ca");
    openssl(
        openssl,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "member.key",
        "-out",
        "member.csr",
        "-subj",
        "/CN=etcd-member");
    openssl(
        openssl,
        "x509",
        "-req",
        "-in",
        "member.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-set_serial",
        "1",
        "-days",
        "1",
        "-extfile",
        "member.ext",
        "-out",
        "member.crt");
  }

  private void openssl(String... command) {
    Commands.runOrFail(directory, Map.of(), List.of(command));
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("kubetopology-etcd-");
    } catch (IOException e) {
      throw new UncheckedIOException("failed to create a temporary directory", e);
    }
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to write " + file, e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to delete " + root, e);
    }
  }
}
