package io.kubetopology.validate.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.List;
import java.util.Set;

/** Rules on keepalived's VRRP group: its router id, how adverts travel and where members sit. */
final class VrrpRules {
  private static final int MAX_ROUTER_ID = 255;

  static final Rule VRRP_ROUTER_ID_IN_USE =
      new SimpleRule(
          "VRRP_ROUTER_ID_IN_USE",
          "The VRRP router id is none of the ids other VRRP groups on the network use",
          Severity.ERROR,
          VrrpRules::checkRouterIdFree);

  static final Rule VRRP_MULTICAST_UNAVAILABLE =
      new SimpleRule(
          "VRRP_MULTICAST_UNAVAILABLE",
          "keepalived uses unicast where the network carries no multicast",
          Severity.ERROR,
          VrrpRules::checkMulticast);

  static final Rule VRRP_UNICAST_PEERS_SPLIT_SUBNETS =
      new SimpleRule(
          "VRRP_UNICAST_PEERS_SPLIT_SUBNETS",
          "Unicast VRRP peers sit in one subnet, so their adverts cross no router",
          Severity.WARNING,
          VrrpRules::checkUnicastPeers);

  static final Rule VIP_HOLDERS_SPLIT_SUBNETS =
      new SimpleRule(
          "VIP_HOLDERS_SPLIT_SUBNETS",
          "Every node that may hold the virtual IP sits in the same subnet",
          Severity.ERROR,
          VrrpRules::checkHoldersShareSubnet);

  private VrrpRules() {}

  static List<Rule> all() {
    return List.of(
        VRRP_ROUTER_ID_IN_USE,
        VRRP_MULTICAST_UNAVAILABLE,
        VRRP_UNICAST_PEERS_SPLIT_SUBNETS,
        VIP_HOLDERS_SPLIT_SUBNETS);
  }

  private static void checkRouterIdFree(ClusterTopology topology, FindingCollector findings) {
    if (!(topology.apiEndpoint() instanceof HaproxyKeepalived lb)) {
      return;
    }
    int routerId = lb.virtualRouterId();
    Set<Integer> inUse = lb.virtualRouterIdsInUse();
    if (routerId >= 1 && routerId <= MAX_ROUTER_ID && inUse.contains(routerId)) {
      findings.report(
          "apiEndpoint.virtualRouterId",
          "VRRP router id '"
              + routerId
              + "' is already used by another VRRP group on the network, as"
              + " virtualRouterIdsInUse lists.",
          freeRouterIdHint(routerId, inUse));
    }
  }

  /** Suggests the next id above {@code routerId}, wrapping from 255 to 1, that is not in use. */
  private static String freeRouterIdHint(int routerId, Set<Integer> inUse) {
    for (int step = 1; step < MAX_ROUTER_ID; step++) {
      int candidate = (routerId - 1 + step) % MAX_ROUTER_ID + 1;
      if (!inUse.contains(candidate)) {
        return "choose an id within 1-255 that virtualRouterIdsInUse does not list, such as "
            + candidate
            + ".";
      }
    }
    return "every id within 1-255 is in use on this network; move the control planes to a"
        + " network segment with a free id.";
  }

  private static void checkMulticast(ClusterTopology topology, FindingCollector findings) {
    if (topology.apiEndpoint() instanceof HaproxyKeepalived lb
        && !lb.multicastAvailable()
        && !lb.unicast()) {
      findings.report(
          "apiEndpoint.unicast",
          "the network carries no multicast (multicastAvailable is false), but keepalived sends"
              + " VRRP adverts by multicast, so no control plane hears the others and each one"
              + " claims the virtual IP.",
          "set unicast(true), so that keepalived sends adverts to each control plane's address.");
    }
  }

  /**
   * Warns when a unicast advert needs a router: when a control plane's address lies outside the
   * narrowest control-plane subnet. When every address lies inside it, every control plane's subnet
   * contains that narrowest one, so every peer is on every sender's link.
   */
  private static void checkUnicastPeers(ClusterTopology topology, FindingCollector findings) {
    List<Node> peers = topology.controlPlanes();
    if (!(topology.apiEndpoint() instanceof HaproxyKeepalived lb)
        || !lb.unicast()
        || peers.isEmpty()) {
      return;
    }
    Node narrowest = narrowestSubnetHolder(peers);
    Cidr link = narrowest.address().subnet();
    List<String> offLink =
        peers.stream()
            .filter(peer -> !link.contains(peer.address().address()))
            .map(peer -> "'" + peer.name() + "' (" + peer.address() + ")")
            .toList();
    if (!offLink.isEmpty()) {
      findings.report(
          "apiEndpoint.unicast",
          (offLink.size() == 1 ? "unicast VRRP peer " : "unicast VRRP peers ")
              + String.join(", ", offLink)
              + (offLink.size() == 1 ? " lies outside subnet '" : " lie outside subnet '")
              + link
              + "' of control plane '"
              + narrowest.name()
              + "', so adverts between them cross a router.",
          "put the control planes in one subnet, or let every router and firewall between them"
              + " pass IP protocol 112 (VRRP).");
    }
  }

  /**
   * Reports every control plane whose subnet does not contain the narrowest control-plane subnet.
   * Two subnets either nest or are disjoint, so these are the control planes on another network.
   * keepalived announces the virtual IP on the local link only, so such a node cannot take the
   * address over for the others. Prefix lengths may differ as long as the subnets nest.
   */
  private static void checkHoldersShareSubnet(ClusterTopology topology, FindingCollector findings) {
    List<Node> holders = topology.controlPlanes();
    if (!(topology.apiEndpoint() instanceof HaproxyKeepalived) || holders.isEmpty()) {
      return;
    }
    Node narrowest = narrowestSubnetHolder(holders);
    Cidr link = narrowest.address().subnet();
    for (Node holder : holders) {
      Cidr subnet = holder.address().subnet();
      if (!subnet.contains(link.network())) {
        findings.report(
            Paths.node(holder, "address"),
            "control plane '"
                + holder.name()
                + "' is in subnet '"
                + subnet
                + "', apart from subnet '"
                + link
                + "' of control plane '"
                + narrowest.name()
                + "'; every holder of the virtual IP must sit in one subnet, because keepalived"
                + " announces it on the local link only.",
            "give every control plane an address in " + link + ".");
      }
    }
  }

  /** Returns the first node with the longest prefix, whose subnet is the narrowest. */
  private static Node narrowestSubnetHolder(List<Node> nodes) {
    Node narrowest = nodes.get(0);
    for (Node node : nodes) {
      if (node.address().prefixLength() > narrowest.address().prefixLength()) {
        narrowest = node;
      }
    }
    return narrowest;
  }
}
