package io.kubetopology.api;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The cluster's address ranges; kubeadm's {@code networking} block.
 *
 * <pre>{@code
 * Networking networking = Networking.builder().podSubnet("10.244.0.0/16").build();
 * }</pre>
 */
@Value.Immutable
public interface Networking extends WithNetworking {
  /** kubeadm's default service subnet. */
  Cidr DEFAULT_SERVICE_SUBNET = Cidr.parse("10.96.0.0/12");

  /**
   * The pod subnet; {@code networking.podSubnet}. kubeadm leaves it empty by default, but most
   * network plugins need it, so set it to the plugin's range.
   */
  Optional<Cidr> podSubnet();

  /** The service subnet; {@code networking.serviceSubnet}, 10.96.0.0/12 by default. */
  @Value.Default
  default Cidr serviceSubnet() {
    return DEFAULT_SERVICE_SUBNET;
  }

  /** The cluster DNS domain; {@code networking.dnsDomain}, {@code cluster.local} by default. */
  @Value.Default.String("cluster.local")
  String dnsDomain();

  /** Returns kubeadm's defaults: no pod subnet, 10.96.0.0/12 and cluster.local. */
  static Networking defaults() {
    return builder().build();
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Networking}. */
  final class Builder extends ImmutableNetworking.Builder {
    Builder() {}

    /**
     * Sets the pod subnet from text such as {@code 10.244.0.0/16}.
     *
     * @throws IllegalArgumentException if the text is not a CIDR
     */
    public Builder podSubnet(String cidr) {
      return podSubnet(Cidr.parse(cidr));
    }

    /**
     * Sets the service subnet from text such as {@code 10.96.0.0/12}.
     *
     * @throws IllegalArgumentException if the text is not a CIDR
     */
    public Builder serviceSubnet(String cidr) {
      return serviceSubnet(Cidr.parse(cidr));
    }
  }
}
