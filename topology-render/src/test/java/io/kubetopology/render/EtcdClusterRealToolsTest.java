package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdMember;
import io.kubetopology.render.internal.NodePaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Starts three real etcd members on 127.0.0.1 from the flags that the external etcd bundle renders
 * for its etcd hosts, and checks that they form one healthy cluster with quorum.
 *
 * <p>Each host's address is mapped to 127.0.0.1 with a client and a peer port of its own, and every
 * rendered URL is rewritten with that one map, so the member names, {@code --initial-cluster},
 * {@code --initial-cluster-state} and the listen and advertise URLs are the rendered ones apart
 * from address and port. TLS comes from a throwaway CA, because the rendered URLs use https.
 */
class EtcdClusterRealToolsTest {
  /** Upper bound of the wait for three healthy members; etcd 3.4 usually needs a few seconds. */
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(60);

  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  @Test
  void renderedMembers_formHealthyCluster() throws InterruptedException {
    RealTools.assumeOrRequire(
        RealTools.etcdAvailable(), "etcd, etcdctl or openssl", LocalEtcdCluster.INSTALL_COMMAND);
    ClusterTopology topology = TestTopologies.externalEtcd();
    Bundle bundle = BundleRenderer.standard().render(topology);
    Map<String, Map<String, String>> flagsByMember = renderedFlags(topology, bundle);
    Map<String, String> localUrls = localUrls(flagsByMember);
    List<String> clientUrls =
        flagsByMember.values().stream()
            .map(flags -> localUrls.get(flags.get("advertise-client-urls")))
            .toList();

    try (LocalEtcdCluster cluster = LocalEtcdCluster.create()) {
      flagsByMember.forEach(
          (name, flags) -> cluster.startMember(name, rewriteUrls(flags, localUrls)));

      Commands.Result health = waitForHealth(cluster, clientUrls);
      assertThat(health.exitCode()).as("%s%n%s", health, cluster.logs()).isZero();

      Commands.Result members = cluster.etcdctl(clientUrls, "member", "list");
      assertThat(members.exitCode()).as(members::toString).isZero();
      assertThat(startedMemberNames(members.output()))
          .as(members::toString)
          .containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-3");

      Commands.Result status = cluster.etcdctl(clientUrls, "endpoint", "status");
      assertThat(status.exitCode()).as(status::toString).isZero();
      assertThat(leaderCount(status.output())).as(status::toString).isEqualTo(1);

      Commands.Result write = cluster.etcdctl(clientUrls, "put", "kubetopology", "quorum");
      assertThat(write.exitCode()).as(write::toString).isZero();
      assertThat(write.output().strip()).isEqualTo("OK");
    }
  }

  @Test
  void renderedMembers_shareOneInitialCluster() {
    ClusterTopology topology = TestTopologies.externalEtcd();
    Map<String, Map<String, String>> flagsByMember =
        renderedFlags(topology, BundleRenderer.standard().render(topology));

    assertThat(flagsByMember.keySet()).containsExactly("etcd-1", "etcd-2", "etcd-3");
    for (Map.Entry<String, Map<String, String>> member : flagsByMember.entrySet()) {
      Map<String, String> flags = member.getValue();
      assertThat(flags.get("initial-cluster"))
          .isEqualTo(EtcdMember.initialCluster(topology.etcdMembers()));
      assertThat(flags.get("initial-cluster-state")).isEqualTo("new");
      assertThat(flags.get("initial-cluster"))
          .contains(member.getKey() + "=" + flags.get("initial-advertise-peer-urls"));
      assertThat(flags.get("listen-peer-urls")).isEqualTo(flags.get("initial-advertise-peer-urls"));
      assertThat(flags.get("listen-client-urls")).isEqualTo(flags.get("advertise-client-urls"));
    }
  }

  /**
   * Reads each etcd host's {@code etcd.local.extraArgs} from its rendered kubeadm-config.yaml, by
   * member name, in topology order.
   */
  private static Map<String, Map<String, String>> renderedFlags(
      ClusterTopology topology, Bundle bundle) {
    Map<String, Map<String, String>> flagsByMember = new LinkedHashMap<>();
    for (EtcdMember member : topology.etcdMembers()) {
      String config = bundle.nodeFile(member.name(), NodePaths.KUBEADM_CONFIG).orElseThrow().text();
      JsonNode cluster = KubeadmSchemas.documents(config).get(1);
      Map<String, String> flags = new LinkedHashMap<>();
      for (JsonNode arg : cluster.path("etcd").path("local").path("extraArgs")) {
        flags.put(arg.path("name").asString(), arg.path("value").asString());
      }
      flagsByMember.put(flags.get("name"), flags);
    }
    return flagsByMember;
  }

  /**
   * Maps every rendered peer and client URL to https://127.0.0.1 with a port of its own, one pair
   * of ports per member.
   */
  private static Map<String, String> localUrls(Map<String, Map<String, String>> flagsByMember) {
    List<Integer> ports = LocalEtcdCluster.freePorts(2 * flagsByMember.size());
    Map<String, String> localUrls = new LinkedHashMap<>();
    int next = 0;
    for (Map<String, String> flags : flagsByMember.values()) {
      localUrls.put(flags.get("initial-advertise-peer-urls"), localUrl(ports.get(next++)));
      localUrls.put(flags.get("advertise-client-urls"), localUrl(ports.get(next++)));
    }
    return localUrls;
  }

  private static String localUrl(int port) {
    return "https://127.0.0.1:" + port;
  }

  /**
   * Rewrites the URLs in every flag value: a single URL, or {@code --initial-cluster}'s {@code
   * NAME=URL} entries separated by commas.
   */
  private static Map<String, String> rewriteUrls(
      Map<String, String> flags, Map<String, String> localUrls) {
    Map<String, String> rewritten = new LinkedHashMap<>();
    flags.forEach((flag, value) -> rewritten.put(flag, rewriteValue(value, localUrls)));
    return rewritten;
  }

  private static String rewriteValue(String value, Map<String, String> localUrls) {
    List<String> entries = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      int equals = entry.indexOf('=');
      String prefix = equals < 0 ? "" : entry.substring(0, equals + 1);
      String url = entry.substring(equals + 1);
      entries.add(prefix + localUrls.getOrDefault(url, url));
    }
    return String.join(",", entries);
  }

  /** Runs {@code etcdctl endpoint health} until every member is healthy or the deadline passes. */
  private static Commands.Result waitForHealth(LocalEtcdCluster cluster, List<String> clientUrls)
      throws InterruptedException {
    long deadline = System.nanoTime() + HEALTH_DEADLINE.toNanos();
    Commands.Result health = cluster.etcdctl(clientUrls, "endpoint", "health");
    while (health.exitCode() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(RETRY_PAUSE.toMillis());
      health = cluster.etcdctl(clientUrls, "endpoint", "health");
    }
    return health;
  }

  /**
   * Returns the names of the started members from {@code etcdctl member list}, whose lines read
   * {@code ID, STATUS, NAME, PEER_URLS, CLIENT_URLS, IS_LEARNER}.
   */
  private static List<String> startedMemberNames(String output) {
    return output
        .lines()
        .map(line -> line.split(",\\s*"))
        .filter(fields -> fields.length >= 3 && fields[1].equals("started"))
        .map(fields -> fields[2])
        .collect(Collectors.toList());
  }

  /**
   * Counts the leaders in {@code etcdctl endpoint status}, whose lines read {@code ENDPOINT, ID,
   * VERSION, DB_SIZE, IS_LEADER, ...}.
   */
  private static long leaderCount(String output) {
    return output
        .lines()
        .map(line -> line.split(",\\s*"))
        .filter(fields -> fields.length >= 5 && fields[4].equals("true"))
        .count();
  }
}
