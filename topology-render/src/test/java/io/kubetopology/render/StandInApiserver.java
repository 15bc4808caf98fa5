package io.kubetopology.render;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server in the test JVM that plays one apiserver behind haproxy: {@code /readyz} returns
 * a status the test sets, 200 at first, {@code /livez} returns 200, and every other path returns
 * 200 with the node name as the body, so a client can tell which backend served it.
 */
final class StandInApiserver implements AutoCloseable {
  private final String node;
  private final InetSocketAddress address;
  private final SSLContext tls;
  private final AtomicInteger readyzStatus = new AtomicInteger(200);
  private HttpsServer server;
  private ExecutorService executor;

  private StandInApiserver(String node, InetSocketAddress address, SSLContext tls) {
    this.node = node;
    this.address = address;
    this.tls = tls;
  }

  /** Starts a stand-in for {@code node} on {@code address}. */
  static StandInApiserver start(String node, InetSocketAddress address, SSLContext tls) {
    StandInApiserver standIn = new StandInApiserver(node, address, tls);
    standIn.start();
    return standIn;
  }

  /** Sets the status that {@code /readyz} returns from now on. */
  void readyzStatus(int status) {
    readyzStatus.set(status);
  }

  /** Starts listening again on the same address after {@link #stop()}. */
  void start() {
    try {
      server = HttpsServer.create(address, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to listen on " + address + " for " + node, e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/readyz", exchange -> respond(exchange, readyzStatus.get(), "readyz"));
    server.createContext("/livez", exchange -> respond(exchange, 200, "livez"));
    server.createContext("/", exchange -> respond(exchange, 200, node));
    executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.start();
  }

  /** Stops listening at once, so connections to the address are refused. */
  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
