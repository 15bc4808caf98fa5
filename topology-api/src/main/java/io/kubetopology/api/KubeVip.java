package io.kubetopology.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * kube-vip as a static pod on every control plane, in ARP mode with leader election: the kube-vip
 * that holds the Lease announces the virtual IP, and clients reach the apiserver on that node
 * directly, on the apiserver port. No proxy runs, so the endpoint port is the apiserver port.
 *
 * <pre>{@code
 * KubeVip access = ApiEndpointAccess.kubeVip()
 *     .virtualIp("10.0.0.100")
 *     .interfaceName("eth0")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface KubeVip extends VirtualIpAccess, WithKubeVip {
  /** The Lease kube-vip's control-plane leader election uses; its {@code vip_leasename}. */
  String LEASE_NAME = "plndr-cp-lock";

  @Override
  default Kind kind() {
    return Kind.KUBE_VIP;
  }

  /** The virtual IP; kube-vip's {@code address} and the endpoint host. */
  @Override
  IpAddress virtualIp();

  /**
   * The interface kube-vip announces the VIP on, for every control plane that does not name its
   * own; kube-vip's {@code vip_interface}.
   */
  @Override
  Optional<String> interfaceName();

  /**
   * Seconds a leader's Lease stays valid without renewal; {@code vip_leaseduration}. kube-vip's
   * default of 5 s moves the VIP within about 5 s after the leader dies.
   */
  @Value.Default.Int(5)
  int leaseDurationSeconds();

  /** Seconds the leader keeps trying to renew before it steps down; {@code vip_renewdeadline}. */
  @Value.Default.Int(3)
  int renewDeadlineSeconds();

  /** Seconds between attempts to take or renew the Lease; {@code vip_retryperiod}. */
  @Value.Default.Int(1)
  int retryPeriodSeconds();

  @Override
  OptionalInt workerLocalProxyPort();

  /** Returns the virtual IP and the apiserver port, since kube-vip in ARP mode forwards nothing. */
  @Override
  default Optional<ControlPlaneEndpoint> endpoint(int apiServerPort) {
    return Optional.of(ControlPlaneEndpoint.of(virtualIp(), apiServerPort));
  }

  /** Returns the control planes, each of which runs kube-vip. */
  @Override
  default List<Node> virtualIpHolders(ClusterTopology topology) {
    return topology.controlPlanes();
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void checkShape() {
    checkPositive("lease duration", leaseDurationSeconds());
    checkPositive("renew deadline", renewDeadlineSeconds());
    checkPositive("retry period", retryPeriodSeconds());
    workerLocalProxyPort().ifPresent(port -> Ports.checkPort("worker local proxy port", port));
  }

  private static void checkPositive(String what, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException(
          "kube-vip "
              + what
              + " '"
              + seconds
              + "' must be at least 1 second: kube-vip reads whole seconds");
    }
  }

  /** Builds a {@link KubeVip}; every attribute but the virtual IP has a default. */
  final class Builder extends ImmutableKubeVip.Builder {
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
