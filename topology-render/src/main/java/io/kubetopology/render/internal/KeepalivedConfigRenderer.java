package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.Node;
import io.kubetopology.api.Secret;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders keepalived.conf for one node that may hold the virtual IP, a control plane or a
 * load-balancer host: one VRRP instance that assigns the virtual IP to the healthy holder with the
 * highest priority.
 *
 * <p>Priorities count down in topology order from {@code 100 + n} on the first of {@code n} holders
 * to {@code 101} on the last, so they are distinct and the initial MASTER has the highest. A
 * failing health check subtracts {@code n}, which is more than the spread {@code n - 1} between the
 * highest and the lowest priority. Every failing node then sits at 100 or below and every healthy
 * one at 101 or above, so the VIP always moves to a healthy node when one exists.
 *
 * <p>Without preemption every holder starts in state BACKUP, because keepalived ignores {@code
 * nopreempt} with {@code state MASTER}, and the check has weight 0. A backup with {@code nopreempt}
 * never takes the VIP from a running master, whatever their priorities, so a lowered priority would
 * leave the VIP on a failing node; with weight 0 a failing check puts the node in FAULT state,
 * which gives the VIP up.
 *
 * <p>The output is checked with {@code keepalived -t} from keepalived 2.2.7. It never contains
 * {@code vrrp_strict}, which makes a master with a priority below 255 drop traffic to the VIP.
 */
public final class KeepalivedConfigRenderer {
  /** The priority below every holder's; the last holder gets one more. */
  static final int BASE_PRIORITY = 100;

  /** The highest priority a track script can lower, because 255 marks the address owner. */
  static final int MAX_PRIORITY = 254;

  /** The maximum number of holders whose priorities fit in 101 to 254. */
  static final int MAX_HOLDERS = MAX_PRIORITY - BASE_PRIORITY;

  /** VRRPv2 reads at most 8 characters of {@code auth_pass} and truncates longer ones. */
  static final int MAX_VRRP_PASSWORD_LENGTH = 8;

  /** The name of the VRRP instance on every holder. */
  static final String INSTANCE_NAME = "apiserver_vip";

  /** The name of the health check that the instance tracks. */
  static final String SCRIPT_NAME = "check_apiserver";

  // keepalived 2.2.7 reads '#' or '!' inside a value as the start of a comment, rejects braces and
  // unbalanced quotes, and substitutes '$NAME' parameters. These characters were seen to arrive
  // intact in its parsed configuration.
  private static final Pattern VRRP_PASSWORD = Pattern.compile("[A-Za-z0-9._+=@%,:/-]+");

  private static final String INDENT = "    ";

  private KeepalivedConfigRenderer() {}

  /**
   * Renders keepalived.conf for {@code node}, with LF line endings and a trailing newline.
   *
   * @param secrets the completed secrets, whose VRRP password is read for an IPv4 virtual IP
   * @throws IllegalArgumentException if {@code node} does not hold the virtual IP under {@code
   *     lb}'s placement, neither the node nor {@code lb} names an interface, the virtual IP is
   *     outside the node's subnet, there are more than {@value #MAX_HOLDERS} holders, or the VRRP
   *     password is missing, longer than 8 characters or contains a character keepalived misreads
   */
  public static String render(
      ClusterTopology topology, HaproxyKeepalived lb, Node node, ClusterSecrets secrets) {
    List<Node> holders = lb.virtualIpHolders(topology);
    int index = indexOf(holders, node, topology);
    checkHolderCount(holders.size(), topology);
    checkVirtualIpOnSubnet(lb.virtualIp(), node);
    String interfaceName = interfaceName(node, lb);

    StringBuilder out = new StringBuilder();
    appendHeader(out, topology, node);
    appendGlobalDefs(out, node);
    appendScript(out, lb, holders.size());
    out.append("vrrp_instance ").append(INSTANCE_NAME).append(" {\n");
    appendState(out, lb, index);
    line(out, 1, "interface " + interfaceName);
    if (!lb.virtualIp().isIpv4()) {
      // keepalived always uses VRRPv3 for IPv6, so this line only makes that visible.
      line(out, 1, "version 3");
    }
    line(out, 1, "virtual_router_id " + lb.virtualRouterId());
    line(out, 1, "priority " + priority(index, holders.size()));
    line(out, 1, "advert_int " + lb.advertIntervalSeconds());
    appendAuthentication(out, lb, secrets);
    appendVirtualIp(out, lb.virtualIp());
    line(out, 1, "track_script {");
    line(out, 2, SCRIPT_NAME);
    line(out, 1, "}");
    if (lb.unicast()) {
      appendUnicast(out, holders, node);
    }
    out.append("}\n");
    return out.toString();
  }

  /** Returns the priority of the holder at {@code index} among {@code count}. */
  static int priority(int index, int count) {
    return BASE_PRIORITY + count - index;
  }

  /** Returns the weight of the health check, {@code -count}, as the class comment derives. */
  static int checkWeight(int count) {
    return -count;
  }

  /**
   * Returns the interface keepalived announces the VIP on: the node's own, else the load
   * balancer's.
   *
   * @throws IllegalArgumentException if neither names one
   */
  static String interfaceName(Node node, HaproxyKeepalived lb) {
    return node.interfaceName()
        .or(lb::interfaceName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "node '"
                        + node.name()
                        + "' has no network interface for keepalived: set the node's"
                        + " interfaceName, such as eth0, or the interfaceName of"
                        + " ApiEndpointAccess.haproxyKeepalived() for every node"));
  }

  private static int indexOf(List<Node> holders, Node node, ClusterTopology topology) {
    int index = holders.indexOf(node);
    if (index < 0) {
      throw new IllegalArgumentException(
          "node '"
              + node.name()
              + "' does not hold the virtual IP of cluster '"
              + topology.name()
              + "': keepalived runs only on the nodes that may hold it, so render it for one of "
              + holders.stream().map(Node::name).toList());
    }
    return index;
  }

  private static void checkHolderCount(int count, ClusterTopology topology) {
    if (count > MAX_HOLDERS) {
      throw new IllegalArgumentException(
          "cluster '"
              + topology.name()
              + "' has "
              + count
              + " nodes that may hold the virtual IP, but distinct keepalived priorities from "
              + (BASE_PRIORITY + 1)
              + " to "
              + MAX_PRIORITY
              + " fit at most "
              + MAX_HOLDERS
              + ": use fewer control planes or load-balancer hosts");
    }
  }

  /**
   * Writes the initial state: MASTER on the first holder and BACKUP elsewhere, or BACKUP with
   * {@code nopreempt} everywhere when a recovered node must not take the VIP back.
   */
  private static void appendState(StringBuilder out, HaproxyKeepalived lb, int index) {
    if (!lb.preempt()) {
      line(out, 1, "state BACKUP");
      line(out, 1, "nopreempt");
      return;
    }
    line(out, 1, "state " + (index == 0 ? "MASTER" : "BACKUP"));
  }

  private static void checkVirtualIpOnSubnet(IpAddress virtualIp, Node node) {
    if (!node.address().subnet().contains(virtualIp)) {
      throw new IllegalArgumentException(
          "virtual IP "
              + virtualIp
              + " is outside subnet "
              + node.address().subnet()
              + " of node '"
              + node.name()
              + "': other hosts find the VIP by ARP or neighbour discovery, so choose a free"
              + " address in the subnet of the nodes that hold it");
    }
  }

  private static void appendHeader(StringBuilder out, ClusterTopology topology, Node node) {
    out.append("# Generated by kubetopology for cluster ")
        .append(topology.name())
        .append(", node ")
        .append(node.name())
        .append(". Render the bundle again instead of editing this file.\n");
  }

  private static void appendGlobalDefs(StringBuilder out, Node node) {
    out.append("global_defs {\n");
    // router_id names this machine in keepalived's logs and notifications. It is not the VRRP id.
    line(out, 1, "router_id " + node.name());
    // Runs the health script as root, and only while no non-root user can write to its path.
    line(out, 1, "enable_script_security");
    line(out, 1, "script_user root");
    out.append("}\n\n");
  }

  private static void appendScript(StringBuilder out, HaproxyKeepalived lb, int holders) {
    out.append("vrrp_script ").append(SCRIPT_NAME).append(" {\n");
    line(out, 1, "script \"" + NodePaths.CHECK_APISERVER_SCRIPT + "\"");
    line(out, 1, "interval " + lb.checkIntervalSeconds());
    // The script's curl gives up after its max time, and one more second covers starting sh and
    // curl.
    line(out, 1, "timeout " + (CheckApiserverScriptRenderer.CURL_MAX_TIME_SECONDS + 1));
    line(out, 1, "fall " + lb.checkFall());
    line(out, 1, "rise " + lb.checkRise());
    line(out, 1, "weight " + (lb.preempt() ? checkWeight(holders) : 0));
    // A node counts as failing until the check passes `rise` times, so a rebooted node with the
    // highest priority does not take the VIP back before its own haproxy listens.
    line(out, 1, "init_fail");
    out.append("}\n\n");
  }

  private static void appendAuthentication(
      StringBuilder out, HaproxyKeepalived lb, ClusterSecrets secrets) {
    if (!lb.virtualIp().isIpv4()) {
      // An IPv6 instance speaks VRRPv3, which has no authentication, so keepalived rejects the
      // block.
      return;
    }
    line(out, 1, "authentication {");
    line(out, 2, "auth_type PASS");
    line(out, 2, "auth_pass " + vrrpPassword(secrets));
    line(out, 1, "}");
  }

  private static String vrrpPassword(ClusterSecrets secrets) {
    Secret password =
        secrets
            .vrrpPassword()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the VRRP password is missing: complete the secrets with"
                            + " ClusterSecrets.completedWith(SecureRandom) before rendering"));
    if (password.length() > MAX_VRRP_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "the VRRP password has "
              + password.length()
              + " characters, but VRRPv2 uses at most "
              + MAX_VRRP_PASSWORD_LENGTH
              + ": give a password of 1 to 8 characters");
    }
    if (!VRRP_PASSWORD.matcher(password.reveal()).matches()) {
      throw new IllegalArgumentException(
          "invalid VRRP password: keepalived.conf cannot carry one of its characters, so use only"
              + " letters, digits and . _ + = @ % , : / -");
    }
    return password.reveal();
  }

  private static void appendVirtualIp(StringBuilder out, IpAddress virtualIp) {
    line(out, 1, "virtual_ipaddress {");
    // A host prefix (/32 or /128) adds no subnet route, so moving the VIP never changes the node's
    // routes. Neighbours still reach the VIP through their own route to the subnet, after
    // keepalived's gratuitous ARP or unsolicited neighbour advertisement.
    line(out, 2, virtualIp + "/" + virtualIp.bitLength());
    line(out, 1, "}");
  }

  private static void appendUnicast(StringBuilder out, List<Node> holders, Node node) {
    List<Node> peers = holders.stream().filter(peer -> !peer.equals(node)).toList();
    if (peers.isEmpty()) {
      // keepalived rejects unicast keywords without peers, and a single node sends adverts to none.
      return;
    }
    line(out, 1, "unicast_src_ip " + node.address().address());
    line(out, 1, "unicast_peer {");
    for (Node peer : peers) {
      line(out, 2, peer.address().address().toString());
    }
    line(out, 1, "}");
  }

  private static void line(StringBuilder out, int depth, String text) {
    out.append(INDENT.repeat(depth)).append(text).append('\n');
  }
}
