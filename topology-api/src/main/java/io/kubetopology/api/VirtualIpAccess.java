package io.kubetopology.api;

import java.util.List;
import java.util.Optional;

/**
 * Access through a virtual IP that one of several nodes has at a time and announces on its network
 * interface: keepalived's VRRP or kube-vip's ARP leader.
 */
public interface VirtualIpAccess extends ApiEndpointAccess {
  /** The virtual IP; the endpoint host and the first apiserver certificate name. */
  IpAddress virtualIp();

  /**
   * The interface the VIP is announced on, for every node that does not name its own, such as
   * {@code eth0}.
   */
  Optional<String> interfaceName();

  /** Returns the nodes that may hold the virtual IP, in topology order. */
  List<Node> virtualIpHolders(ClusterTopology topology);

  /** Returns the interface {@code node} announces the VIP on: its own, else this access's. */
  default Optional<String> interfaceFor(Node node) {
    return node.interfaceName().or(this::interfaceName);
  }
}
