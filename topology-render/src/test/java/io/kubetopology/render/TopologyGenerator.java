package io.kubetopology.render;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates cluster topologies from a seed, mostly valid and with hostile values mixed in: names,
 * addresses, ports, control-plane counts from 1 to 7, virtual IPs inside and outside the subnet,
 * secrets, interface names, labels, images, certificate names and endpoint hosts.
 *
 * <p>Each attribute is hostile with a small probability, so about half of the topologies are valid
 * and reach the real tools. The same seed gives the same topology, except for generated secrets,
 * which a failure message does not need.
 *
 * <p>Every secret that the generator sets contains six or more random characters, so finding its
 * value in a message proves a leak rather than a coincidence. {@link #secretValues()} returns them.
 */
final class TopologyGenerator {
  /** Probability that one attribute of the cluster gets a hostile value. */
  private static final double HOSTILE = 0.025;

  /** Probability that one attribute of a node gets a hostile value; a cluster has many nodes. */
  private static final double NODE_HOSTILE = HOSTILE / 3;

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String VRRP_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+=@%,:/-";

  private static final List<String> HOSTILE_NAMES =
      List.of(
          "Prod",
          "a_b",
          "a b",
          "a\nb",
          "a#b",
          "a{b}",
          "a\"b",
          "a'b",
          "a$(id)",
          "-a",
          "a-",
          "a..b",
          "x".repeat(64),
          "a;b",
          "a|b",
          "a\\b");
  private static final List<String> VALID_INTERFACES =
      List.of("eth0", "ens192", "enp0s3", "bond0.100", "eth_1", "eno1");
  private static final List<String> HOSTILE_INTERFACES =
      List.of(
          "eth0 ",
          "eth:0",
          "interface-name-16",
          "-eth0",
          "eth0\n",
          "eth/0",
          "eth0#",
          "eth{0}",
          "",
          "eth\"0",
          "eth0;x",
          "eth$0");
  private static final List<String> HOSTILE_LABEL_PARTS =
      List.of("a=b", "a,b", "a b", "a\nb", "a\"b", "-a", "a#b", "x".repeat(64), "a{b", "a:b");
  private static final List<String> HOSTILE_IMAGES =
      List.of(
          "Haproxy:2.8",
          "haproxy:2.8 ;rm",
          "haproxy\n:2.8",
          "haproxy\"2.8",
          "a#b",
          "a{b}",
          "",
          "haproxy:2.8'",
          "registry.k8s.io/$(id)");
  private static final List<String> HOSTILE_HOSTS =
      List.of("a b", "x\ny", "*.", "a#b", "a{b}", "A.example.com", "a\"b", "-a.example.com", "");
  private static final List<String> HOSTILE_PASSWORD_PARTS =
      List.of(" ", "'", "\"", "#", "!", "{", "}", "$", "\\", "\n", "\t", "é", ";", "*");

  private final Random random;
  private final List<String> secretValues = new ArrayList<>();

  /** Creates a generator whose choices follow {@code seed}. */
  TopologyGenerator(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Generates one topology.
   *
   * @throws IllegalArgumentException when a builder rejects a hostile value, as documented for
   *     shape mistakes such as a port outside 1-65535
   */
  ClusterTopology generate() {
    Addresses addresses = Addresses.choose(random);
    int controlPlanes = chance(0.1) ? 2 * (1 + random.nextInt(3)) : 1 + 2 * random.nextInt(4);
    int workers = random.nextInt(4);
    HaproxyKeepalived lb = loadBalancer(addresses);
    ClusterTopology.Builder builder =
        ClusterTopology.builder()
            .name(maybeHostile("c" + word(6), HOSTILE_NAMES))
            .kubernetesVersion(kubernetesVersion())
            .addAllNodes(nodes(addresses, controlPlanes, workers))
            .apiServerPort(chance(HOSTILE) ? lb.frontendPort() : pick(6443, 6443, 7443, 16443))
            .extraCertSans(certSans(addresses))
            .images(images())
            .networking(networking(addresses))
            .secrets(secrets());
    if (controlPlanes == 1 && chance(0.3)) {
      builder.apiEndpoint(ApiEndpointAccess.none());
    } else {
      builder.apiEndpoint(lb);
    }
    if (chance(0.2)) {
      String host = maybeHostile("api." + word(5) + ".example.test", HOSTILE_HOSTS);
      builder.controlPlaneEndpoint(ControlPlaneEndpoint.of(host, lb.frontendPort()));
    }
    return builder.build();
  }

  /** Returns the value of every secret that this generator has set so far. */
  List<String> secretValues() {
    return List.copyOf(secretValues);
  }

  /** The subnet of the cluster network and the addresses chosen inside and outside it. */
  private record Addresses(String base, int prefix, boolean ipv6) {
    static Addresses choose(Random random) {
      if (random.nextInt(5) == 0) {
        return new Addresses(
            "fd00:" + Integer.toHexString(1 + random.nextInt(0xfff)) + "::", 64, true);
      }
      // 10.96.0.0/12 is the default service subnet and 10.244.0.0/16 the pod subnet, so the
      // node network stays clear of both.
      int second = 1 + random.nextInt(90);
      int prefix = new int[] {16, 24, 27}[random.nextInt(3)];
      if (prefix == 16) {
        return new Addresses("10." + second + ".", prefix, false);
      }
      return new Addresses("10." + second + "." + random.nextInt(256) + ".", prefix, false);
    }

    /** Returns host {@code offset} of the subnet, such as 10.1.2.11 for offset 11. */
    String host(int offset) {
      if (ipv6) {
        return base + Integer.toHexString(offset);
      }
      return prefix == 16 ? base + (offset / 256) + "." + (offset % 256) : base + offset;
    }

    /** Returns a high offset that is neither the network nor the broadcast address. */
    int lastHost() {
      return prefix == 27 ? 30 : 250;
    }

    /** Returns the offset of the IPv4 broadcast address. */
    int broadcast() {
      return (1 << (32 - prefix)) - 1;
    }

    String withPrefix(int offset) {
      return host(offset) + "/" + prefix;
    }
  }

  private List<Node> nodes(Addresses addresses, int controlPlanes, int workers) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= controlPlanes; i++) {
      nodes.add(node("cp-" + i, addresses, 2 + i, Role.CONTROL_PLANE));
    }
    for (int i = 1; i <= workers; i++) {
      nodes.add(node("worker-" + i, addresses, 12 + i, Role.WORKER));
    }
    return nodes;
  }

  private Node node(String name, Addresses addresses, int offset, Role role) {
    Node.Builder builder =
        Node.builder()
            .name(maybeHostileNode(name, HOSTILE_NAMES))
            .address(nodeAddress(addresses, offset));
    builder.addRole(role);
    if (chance(NODE_HOSTILE)) {
      builder.addRole(chance(0.5) ? Role.ETCD : Role.LOAD_BALANCER);
    }
    if (chance(0.15)) {
      builder.interfaceName(maybeHostileNode(pick(VALID_INTERFACES), HOSTILE_INTERFACES));
    }
    if (chance(0.3)) {
      builder.putLabel(
          maybeHostileNode("topology.kubernetes.io/zone", HOSTILE_LABEL_PARTS),
          maybeHostileNode("zone-" + word(3), HOSTILE_LABEL_PARTS));
    }
    if (chance(NODE_HOSTILE)) {
      builder.criSocket("unix:///run/containerd/containerd.sock" + pick(HOSTILE_NAMES));
    }
    return builder.build();
  }

  private String nodeAddress(Addresses addresses, int offset) {
    if (chance(NODE_HOSTILE)) {
      // A duplicate of the first control plane, or an address in another subnet.
      return chance(0.5) ? addresses.withPrefix(3) : Addresses.choose(random).withPrefix(offset);
    }
    return addresses.withPrefix(offset);
  }

  private HaproxyKeepalived loadBalancer(Addresses addresses) {
    HaproxyKeepalived.Builder builder =
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp(virtualIp(addresses))
            .frontendPort(port(pick(8443, 8443, 443, 9443, 1024 + random.nextInt(60000))))
            .virtualRouterId(chance(HOSTILE) ? pick(0, 256, -1, 1000) : 1 + random.nextInt(255))
            .advertIntervalSeconds(chance(HOSTILE) ? pick(0, 256) : 1 + random.nextInt(3))
            .unicast(random.nextBoolean())
            .checkIntervalSeconds(chance(HOSTILE) ? 0 : 1 + random.nextInt(5))
            .checkFall(1 + random.nextInt(5))
            .checkRise(1 + random.nextInt(5));
    if (!chance(HOSTILE)) {
      builder.interfaceName(maybeHostile(pick(VALID_INTERFACES), HOSTILE_INTERFACES));
    }
    return builder.build();
  }

  private String virtualIp(Addresses addresses) {
    if (!chance(HOSTILE * 2)) {
      return addresses.host(addresses.lastHost() - random.nextInt(4));
    }
    return switch (random.nextInt(5)) {
      case 0 -> Addresses.choose(random).host(100);
      case 1 -> addresses.host(3);
      case 2 -> addresses.host(0);
      case 3 -> addresses.ipv6 ? "10.0.0.100" : "fd00::100";
      default -> addresses.ipv6 ? addresses.host(0xffff) : addresses.host(addresses.broadcast());
    };
  }

  private int port(int valid) {
    return chance(HOSTILE) ? pick(0, 65536, -1) : valid;
  }

  private String kubernetesVersion() {
    return chance(HOSTILE)
        ? pick("v1.26.0", "v2.0.0", "v1.20.15")
        : pick("v1.30.5", "v1.31.0", "v1.33.4");
  }

  private List<String> certSans(Addresses addresses) {
    List<String> sans = new ArrayList<>();
    if (chance(0.3)) {
      sans.add(maybeHostile("api." + word(4) + ".example.test", HOSTILE_HOSTS));
      sans.add(maybeHostile("*." + word(4) + ".example.test", HOSTILE_HOSTS));
      sans.add(addresses.host(addresses.lastHost() - 10));
    }
    return sans;
  }

  private ImageSettings images() {
    ImageSettings.Builder builder = ImageSettings.builder();
    if (chance(HOSTILE)) {
      builder.imageRepository(pick(HOSTILE_IMAGES));
    }
    if (chance(HOSTILE)) {
      builder.haproxyImage(pick(HOSTILE_IMAGES));
    }
    if (chance(HOSTILE)) {
      builder.keepalivedImage(pick(HOSTILE_IMAGES));
    }
    return builder.build();
  }

  private Networking networking(Addresses addresses) {
    Networking.Builder builder = Networking.builder();
    if (addresses.ipv6) {
      builder.serviceSubnet("fd10::/112");
    }
    if (chance(HOSTILE)) {
      builder.podSubnet(addresses.ipv6 ? addresses.base + "/64" : "10.0.0.0/8");
    } else {
      builder.podSubnet(addresses.ipv6 ? "fd20::/56" : "10.244.0.0/16");
    }
    if (chance(HOSTILE)) {
      builder.dnsDomain(pick(HOSTILE_NAMES));
    }
    return builder.build();
  }

  private ClusterSecrets secrets() {
    ClusterSecrets.Builder builder = ClusterSecrets.builder();
    if (chance(0.5)) {
      builder.vrrpPassword(remember(vrrpPassword()));
    }
    if (chance(0.3)) {
      String token = word(6) + "." + word(16);
      builder.bootstrapToken(remember(chance(HOSTILE) ? token.toUpperCase() + "x" : token));
    }
    if (chance(0.3)) {
      byte[] key = new byte[chance(HOSTILE) ? 31 : 32];
      random.nextBytes(key);
      builder.certificateKey(remember(HexFormat.of().formatHex(key)));
    }
    return builder.build();
  }

  private String vrrpPassword() {
    String core = characters(VRRP_SAFE, 6);
    if (!chance(HOSTILE * 3)) {
      return core + characters(VRRP_SAFE, random.nextInt(3));
    }
    String part = pick(HOSTILE_PASSWORD_PARTS);
    return chance(0.5) ? core + part : core + part + characters(VRRP_SAFE, 3);
  }

  private String remember(String secret) {
    secretValues.add(secret);
    return secret;
  }

  private String maybeHostileNode(String valid, List<String> hostile) {
    return chance(NODE_HOSTILE) ? pick(hostile) : valid;
  }

  private String maybeHostile(String valid, List<String> hostile) {
    return chance(HOSTILE) ? pick(hostile) : valid;
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private String word(int length) {
    return characters(LOWER, length);
  }

  private String characters(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }
}
