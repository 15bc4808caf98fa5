package io.kubetopology.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.immutables.value.Value;

/**
 * haproxy and keepalived: keepalived assigns a virtual IP to one healthy node and haproxy there
 * spreads connections over all apiservers. They run on every control plane, as static pods by
 * default or as OS services, or on dedicated nodes with {@link Role#LOAD_BALANCER}.
 *
 * <pre>{@code
 * HaproxyKeepalived access = ApiEndpointAccess.haproxyKeepalived()
 *     .virtualIp("10.0.0.100")
 *     .interfaceName("eth0")
 *     .frontendPort(8443)
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface HaproxyKeepalived extends VirtualIpAccess, WithHaproxyKeepalived {
  /** The default frontend port: beside, not on, the apiserver's 6443 on the same host. */
  int DEFAULT_FRONTEND_PORT = 8443;

  /** The default VRRP router id, the one most distributions ship in their examples. */
  int DEFAULT_VIRTUAL_ROUTER_ID = 51;

  @Override
  default Kind kind() {
    return Kind.HAPROXY_KEEPALIVED;
  }

  /** The nodes haproxy and keepalived run on, and how they start there. */
  enum Placement {
    /** Static pods in {@code /etc/kubernetes/manifests} of every control plane. */
    STATIC_PODS,
    /** Debian's haproxy and keepalived packages as systemd services on every control plane. */
    OS_SERVICES,
    /**
     * Debian's packages as systemd services on the nodes with {@link Role#LOAD_BALANCER}, which run
     * nothing else. The frontend may use the apiserver port there.
     */
    LOAD_BALANCER_HOSTS
  }

  /** The virtual IP; keepalived's {@code virtual_ipaddress} and the endpoint host. */
  @Override
  IpAddress virtualIp();

  /**
   * The interface keepalived announces the VIP on, for every node that does not name its own;
   * keepalived's {@code interface}.
   */
  @Override
  Optional<String> interfaceName();

  /** The port haproxy listens on; {@code bind :PORT} and the endpoint port. */
  @Value.Default.Int(DEFAULT_FRONTEND_PORT)
  int frontendPort();

  /**
   * The VRRP router id shared by the control planes; keepalived's {@code virtual_router_id}. It
   * must be unique among VRRP groups on the same network.
   */
  @Value.Default.Int(DEFAULT_VIRTUAL_ROUTER_ID)
  int virtualRouterId();

  /** Seconds between VRRP advertisements; keepalived's {@code advert_int}. */
  @Value.Default.Int(1)
  int advertIntervalSeconds();

  /**
   * VRRP router ids that other VRRP groups on the same network already use, so that the validator
   * can reject a {@link #virtualRouterId()} that collides with one of them. Empty by default, which
   * means none are known.
   */
  Set<Integer> virtualRouterIdsInUse();

  /**
   * Whether keepalived talks unicast to the other control planes instead of multicast; for networks
   * that drop multicast, such as most clouds.
   */
  @Value.Default.Boolean(false)
  boolean unicast();

  /**
   * Whether the network carries VRRP multicast (group 224.0.0.18, or ff02::12 for IPv6) between the
   * control planes. True by default; set it to false on networks that drop multicast, such as most
   * clouds, and the validator then requires {@link #unicast()}.
   */
  @Value.Default.Boolean(true)
  boolean multicastAvailable();

  /** Seconds between runs of the health script; {@code interval} of the {@code vrrp_script}. */
  @Value.Default.Int(3)
  int checkIntervalSeconds();

  /**
   * Failed health checks in a row before keepalived lowers the node's priority; {@code fall}. With
   * the defaults a dead apiserver loses the VIP after about 3 x 3 = 9 seconds.
   */
  @Value.Default.Int(3)
  int checkFall();

  /** Successful health checks in a row before the node counts as healthy again; {@code rise}. */
  @Value.Default.Int(2)
  int checkRise();

  /** The placement of haproxy and keepalived; static pods on the control planes by default. */
  @Value.Default
  default Placement placement() {
    return Placement.STATIC_PODS;
  }

  /**
   * Whether haproxy's frontend listens only on the virtual IP and the loopback address, instead of
   * every address; {@code bind VIP:PORT}. Each holder then gets a sysctl drop-in with {@code
   * net.ipv4.ip_nonlocal_bind = 1} (or {@code net.ipv6}), so that haproxy also starts on a node
   * that does not hold the VIP at the time. The health check keeps probing the loopback address.
   */
  @Value.Default.Boolean(false)
  boolean bindToVirtualIp();

  /**
   * Whether a recovered node with a higher priority takes the VIP back. False renders keepalived's
   * {@code nopreempt}, which works only when every node starts in state BACKUP, so then all do, and
   * a health check of weight 0: a failing check then puts the node in FAULT state, which gives the
   * VIP up, since a lowered priority would not move it. While every node's check fails, no node has
   * the VIP.
   */
  @Value.Default.Boolean(true)
  boolean preempt();

  @Override
  OptionalInt workerLocalProxyPort();

  /** Returns the virtual IP and the frontend port. */
  @Override
  default Optional<ControlPlaneEndpoint> endpoint(int apiServerPort) {
    return Optional.of(ControlPlaneEndpoint.of(virtualIp(), frontendPort()));
  }

  /**
   * Returns the control planes, or the nodes with {@link Role#LOAD_BALANCER} for that placement.
   */
  @Override
  default List<Node> virtualIpHolders(ClusterTopology topology) {
    if (placement() == Placement.LOAD_BALANCER_HOSTS) {
      return topology.nodes().stream().filter(node -> node.hasRole(Role.LOAD_BALANCER)).toList();
    }
    return topology.controlPlanes();
  }

  /** Returns true if haproxy and keepalived run on the control planes. */
  default boolean runsOnControlPlanes() {
    return placement() != Placement.LOAD_BALANCER_HOSTS;
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void checkShape() {
    Ports.checkPort("frontend port", frontendPort());
    if (advertIntervalSeconds() < 1 || advertIntervalSeconds() > 255) {
      throw new IllegalArgumentException(
          "advert interval '"
              + advertIntervalSeconds()
              + "' is outside 1-255 seconds: VRRPv2"
              + " takes whole seconds; use 1 unless the network is slow");
    }
    checkPositive("check interval", checkIntervalSeconds());
    checkPositive("check fall", checkFall());
    checkPositive("check rise", checkRise());
    workerLocalProxyPort().ifPresent(port -> Ports.checkPort("worker local proxy port", port));
  }

  private static void checkPositive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " '" + value + "' must be at least 1");
    }
  }

  /** Builds a {@link HaproxyKeepalived}; every attribute but the virtual IP has a default. */
  final class Builder extends ImmutableHaproxyKeepalived.Builder {
    Builder() {}

    /**
     * Sets the virtual IP from text such as {@code 10.0.0.100}.
     *
     * @throws IllegalArgumentException if the text is not an IP address
     */
    public Builder virtualIp(String address) {
      return virtualIp(IpAddress.parse(address));
    }
  }
}
