package io.kubetopology.api;

import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * haproxy and keepalived on every control plane, as static pods: keepalived holds a virtual IP on
 * one healthy control plane and haproxy there spreads connections over all apiservers.
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
public interface HaproxyKeepalived extends ApiEndpointAccess, WithHaproxyKeepalived {
  /** The default frontend port: beside, not on, the apiserver's 6443 on the same host. */
  int DEFAULT_FRONTEND_PORT = 8443;

  /** The default VRRP router id, the one most distributions ship in their examples. */
  int DEFAULT_VIRTUAL_ROUTER_ID = 51;

  @Override
  default Kind kind() {
    return Kind.HAPROXY_KEEPALIVED;
  }

  /** The virtual IP; keepalived's {@code virtual_ipaddress} and the endpoint host. */
  IpAddress virtualIp();

  /**
   * The interface keepalived announces the VIP on, for every node that does not name its own;
   * keepalived's {@code interface}.
   */
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
