package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.render.internal.NodePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs haproxy with the rendered haproxy.cfg in front of three stand-in apiservers on loopback
 * addresses, sends requests through it and checks that a backend whose {@code /readyz} fails or
 * that stops leaves the rotation within what the rendered check intervals promise, while requests
 * keep succeeding.
 *
 * <p>The test copy of the configuration differs from the rendered file in two lines only: the
 * frontend binds the virtual IP on loopback instead of every IPv4 address, and the global section
 * adds a stats socket in the temporary folder, through which the test reads each server's state.
 */
@Execution(ExecutionMode.CONCURRENT)
class HaproxyLiveTest {
  private static final Pattern CHECK_TIMING =
      Pattern.compile("default-server inter (\\d+)s fall (\\d+) rise (\\d+)");

  /** Slack for process start-up and polling on top of what the intervals promise. */
  private static final Duration MARGIN = Duration.ofSeconds(3);

  private static final int REQUESTS_PER_ROUND = 12;

  @TempDir Path work;

  @Test
  void haproxy_dropsFailedBackendsAndTakesThemBack() throws IOException {
    requireHaproxy();
    Cluster cluster = Cluster.create(work);
    String cfg = cluster.testCopy(cluster.renderedConfig());
    CheckTiming timing = CheckTiming.parse(cfg);

    try (Backends backends = Backends.start(cluster, work);
        LiveProcess haproxy = startHaproxy(cluster, cfg)) {
      awaitStatus(cluster, List.of("UP", "UP", "UP"), timing.riseBound(), haproxy);
      assertThat(servedBy(cluster, 3 * REQUESTS_PER_ROUND))
          .containsOnlyKeys("cp-1", "cp-2", "cp-3");

      backends.get("cp-2").readyzStatus(500);
      assertThat(servedBy(cluster, REQUESTS_PER_ROUND)).doesNotContainKey("failed");
      awaitStatus(cluster, List.of("UP", "DOWN", "UP"), timing.fallBound(), haproxy);
      assertThat(servedBy(cluster, REQUESTS_PER_ROUND)).containsOnlyKeys("cp-1", "cp-3");

      backends.get("cp-3").stop();
      assertThat(servedBy(cluster, REQUESTS_PER_ROUND)).containsOnlyKeys("cp-1");
      awaitStatus(cluster, List.of("UP", "DOWN", "DOWN"), timing.fallBound(), haproxy);
      assertThat(servedBy(cluster, REQUESTS_PER_ROUND)).containsOnlyKeys("cp-1");

      backends.get("cp-2").readyzStatus(200);
      backends.get("cp-3").start();
      awaitStatus(cluster, List.of("UP", "UP", "UP"), timing.riseBound(), haproxy);
      assertThat(servedBy(cluster, 3 * REQUESTS_PER_ROUND))
          .containsOnlyKeys("cp-1", "cp-2", "cp-3");
    }
  }

  /**
   * Shows that the checks above catch a rendering whose health check probes the wrong port: every
   * server goes down although every apiserver is ready, and requests fail.
   */
  @Test
  void haproxy_wrongCheckPortFailsEveryServer() throws IOException {
    requireHaproxy();
    Cluster cluster = Cluster.create(work);
    int unusedPort = freePort();
    String rendered = cluster.renderedConfig();
    String broken =
        rendered.replace(" check verify none", " check port " + unusedPort + " verify none");
    assertThat(broken).isNotEqualTo(rendered);
    String cfg = cluster.testCopy(broken);
    CheckTiming timing = CheckTiming.parse(cfg);

    try (Backends backends = Backends.start(cluster, work);
        LiveProcess haproxy = startHaproxy(cluster, cfg)) {
      assertThatThrownBy(
              () -> awaitStatus(cluster, List.of("UP", "UP", "UP"), timing.riseBound(), haproxy))
          .isInstanceOf(AssertionError.class);
      awaitStatus(cluster, List.of("DOWN", "DOWN", "DOWN"), timing.fallBound(), haproxy);
      assertThat(servedBy(cluster, REQUESTS_PER_ROUND)).containsOnlyKeys("failed");
    }
  }

  /** The inter, fall and rise that the rendered backend sets for every server. */
  private record CheckTiming(int interSeconds, int fall, int rise) {
    static CheckTiming parse(String cfg) {
      Matcher matcher = CHECK_TIMING.matcher(cfg);
      assertThat(matcher.find()).as("default-server line in%n%s", cfg).isTrue();
      return new CheckTiming(
          Integer.parseInt(matcher.group(1)),
          Integer.parseInt(matcher.group(2)),
          Integer.parseInt(matcher.group(3)));
    }

    /**
     * Returns the time to mark a failing server down: {@code fall} failed checks, one per inter.
     */
    Duration fallBound() {
      return Duration.ofSeconds((long) interSeconds * (fall + 1)).plus(MARGIN);
    }

    /** Returns the time to mark a recovered server up: {@code rise} good checks, one per inter. */
    Duration riseBound() {
      return Duration.ofSeconds((long) interSeconds * (rise + 1)).plus(MARGIN);
    }
  }

  /**
   * The topology under test: three control planes on 127.0.0.11 to 127.0.0.13 and the virtual IP
   * 127.0.0.100, with free ports for the apiservers and the frontend, so nothing collides with
   * services on the host.
   */
  private record Cluster(ClusterTopology topology, HaproxyKeepalived lb, Path statsSocket) {
    static Cluster create(Path work) throws IOException {
      int apiServerPort = freePort();
      int frontendPort = freePort();
      while (frontendPort == apiServerPort) {
        frontendPort = freePort();
      }
      HaproxyKeepalived lb =
          ApiEndpointAccess.haproxyKeepalived()
              .virtualIp("127.0.0.100")
              .interfaceName("eth0")
              .frontendPort(frontendPort)
              .build();
      ClusterTopology topology =
          ClusterTopology.builder()
              .name("loopback")
              .kubernetesVersion("v1.33.4")
              .addNodes(
                  Node.controlPlane("cp-1", "127.0.0.11/8"),
                  Node.controlPlane("cp-2", "127.0.0.12/8"),
                  Node.controlPlane("cp-3", "127.0.0.13/8"))
              .apiEndpoint(lb)
              .apiServerPort(apiServerPort)
              .secrets(TestTopologies.fixedSecrets())
              .build();
      return new Cluster(topology, lb, work.resolve("haproxy-stats.sock"));
    }

    String renderedConfig() {
      Bundle bundle = BundleRenderer.standard().render(topology);
      return bundle.nodeFile("cp-1", NodePaths.HAPROXY_CONFIG).orElseThrow().text();
    }

    /** Returns the test copy: the frontend on the VIP only, and a stats socket. */
    String testCopy(String rendered) {
      String bind = "    bind :" + lb.frontendPort() + "\n";
      String vipBind = "    bind " + lb.virtualIp() + ":" + lb.frontendPort() + "\n";
      String global = "\nglobal\n";
      String globalWithStats = global + "    stats socket " + statsSocket + " mode 600\n";
      assertThat(rendered).containsOnlyOnce(bind).containsOnlyOnce(global);
      return rendered.replace(bind, vipBind).replace(global, globalWithStats);
    }

    InetSocketAddress frontend() {
      return new InetSocketAddress(lb.virtualIp().toString(), lb.frontendPort());
    }
  }

  /** The three stand-in apiservers, stopped on close. */
  private static final class Backends implements AutoCloseable {
    private final Map<String, StandInApiserver> standIns = new LinkedHashMap<>();

    static Backends start(Cluster cluster, Path work) {
      SSLContext tls = ThrowawayCertificate.create(work).serverContext();
      Backends backends = new Backends();
      for (Node node : cluster.topology().controlPlanes()) {
        InetSocketAddress address =
            new InetSocketAddress(
                node.address().address().toString(), cluster.topology().apiServerPort());
        backends.standIns.put(node.name(), StandInApiserver.start(node.name(), address, tls));
      }
      return backends;
    }

    StandInApiserver get(String node) {
      return standIns.get(node);
    }

    @Override
    public void close() {
      standIns.values().forEach(StandInApiserver::close);
    }
  }

  private LiveProcess startHaproxy(Cluster cluster, String cfg) throws IOException {
    Path cfgFile = work.resolve("haproxy.cfg");
    Files.writeString(cfgFile, cfg);
    List<String> command =
        List.of(RealTools.requireExecutable("haproxy").toString(), "-db", "-f", cfgFile.toString());
    LiveProcess haproxy = LiveProcess.start("haproxy", command, work.resolve("haproxy.log"));
    Await.Outcome<Boolean> listening =
        Await.until(
            Duration.ofSeconds(10),
            () -> accepts(cluster.frontend()) && Files.exists(cluster.statsSocket()),
            Boolean::booleanValue);
    assertThat(listening.met()).as(() -> "haproxy did not start: " + haproxy.logLines()).isTrue();
    return haproxy;
  }

  private static void awaitStatus(
      Cluster cluster, List<String> expected, Duration bound, LiveProcess haproxy) {
    Await.Outcome<List<String>> outcome =
        Await.until(bound, () -> serverStatus(cluster), expected::equals);
    assertThat(outcome.met())
        .as(
            () ->
                outcome.describe("server status " + expected + " within " + bound)
                    + System.lineSeparator()
                    + String.join(System.lineSeparator(), haproxy.logLines()))
        .isTrue();
  }

  /** Reads the status column of every server of the apiserver backend from the stats socket. */
  private static List<String> serverStatus(Cluster cluster) {
    List<String> lines = statsCommand(cluster.statsSocket(), "show stat");
    List<String> header = List.of(lines.get(0).substring(2).split(","));
    int proxy = header.indexOf("pxname");
    int server = header.indexOf("svname");
    int status = header.indexOf("status");
    Map<String, String> byServer = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      if (fields.length > status
          && fields[proxy].equals("apiserver")
          && fields[server].startsWith("cp-")) {
        byServer.put(fields[server], fields[status]);
      }
    }
    return List.copyOf(byServer.values());
  }

  private static List<String> statsCommand(Path socket, String command) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      StringBuilder text = new StringBuilder();
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        text.append(StandardCharsets.US_ASCII.decode(buffer));
        buffer.clear();
      }
      return text.toString().lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read haproxy stats from " + socket, e);
    }
  }

  /**
   * Sends {@code count} requests through the frontend and counts them by the backend that
   * responded, or under "failed" when a request failed.
   */
  private static Map<String, Integer> servedBy(Cluster cluster, int count) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      counts.merge(request(cluster), 1, Integer::sum);
    }
    return counts;
  }

  private static String request(Cluster cluster) {
    InetSocketAddress frontend = cluster.frontend();
    URI uri = URI.create("https://" + frontend.getHostString() + ":" + frontend.getPort() + "/");
    HttpsURLConnection connection = null;
    try {
      connection = (HttpsURLConnection) uri.toURL().openConnection();
      connection.setSSLSocketFactory(TrustAll.CONTEXT.getSocketFactory());
      connection.setHostnameVerifier((host, session) -> true);
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(2000);
      if (connection.getResponseCode() != 200) {
        return "failed";
      }
      try (InputStream in = connection.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      return "failed";
    } finally {
      if (connection != null) {
        // Closes the connection, so the next request opens a new one that haproxy balances anew.
        connection.disconnect();
      }
    }
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void requireHaproxy() {
    RealTools.assumeOrRequire(
        RealTools.haproxyAvailable() && RealTools.findExecutable("openssl").isPresent(),
        "haproxy with openssl");
  }

  /** A client TLS context that accepts any certificate; the stand-ins present throwaway ones. */
  private static final class TrustAll {
    static final SSLContext CONTEXT = create();

    private static SSLContext create() {
      TrustManager trustAll =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("failed to create a TLS context", e);
      }
    }
  }
}
