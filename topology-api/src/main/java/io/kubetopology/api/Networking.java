package io.kubetopology.api;

import java.util.List;
import org.immutables.value.Value;

/**
 * The cluster's address ranges; kubeadm's {@code networking} block. A single-stack cluster has one
 * pod and one service subnet. A dual-stack cluster has one IPv4 and one IPv6 subnet in each list,
 * and the family of the first one is the primary family.
 *
 * <pre>{@code
 * Networking ipv4 = Networking.builder().podSubnet("10.244.0.0/16").build();
 * Networking dualStack = Networking.builder()
 *     .podSubnet("10.244.0.0/16")
 *     .podSubnet("fd00:10:244::/56")
 *     .serviceSubnet("10.96.0.0/12")
 *     .serviceSubnet("fd00:10:96::/108")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface Networking extends WithNetworking {
  /** kubeadm's default service subnet. */
  Cidr DEFAULT_SERVICE_SUBNET = Cidr.parse("10.96.0.0/12");

  /** kube-controller-manager's default prefix length of each node's IPv4 pod range. */
  int DEFAULT_NODE_CIDR_MASK_SIZE_IPV4 = 24;

  /** kube-controller-manager's default prefix length of each node's IPv6 pod range. */
  int DEFAULT_NODE_CIDR_MASK_SIZE_IPV6 = 64;

  /**
   * The pod subnets; {@code networking.podSubnet}, written comma-separated. kubeadm leaves it empty
   * by default, but most network plugins need it, so set it to the plugin's range.
   */
  List<Cidr> podSubnets();

  /**
   * The service subnets; {@code networking.serviceSubnet}, written comma-separated. [10.96.0.0/12]
   * by default; adding any service subnet replaces the default.
   */
  @Value.Default
  default List<Cidr> serviceSubnets() {
    return List.of(DEFAULT_SERVICE_SUBNET);
  }

  /** The cluster DNS domain; {@code networking.dnsDomain}, {@code cluster.local} by default. */
  @Value.Default.String("cluster.local")
  String dnsDomain();

  /**
   * The prefix length of the IPv4 pod range the controller manager gives each node; rendered as its
   * {@code node-cidr-mask-size-ipv4} flag when it differs from 24 and an IPv4 pod subnet exists.
   */
  @Value.Default.Int(DEFAULT_NODE_CIDR_MASK_SIZE_IPV4)
  int nodeCidrMaskSizeIpv4();

  /**
   * The prefix length of the IPv6 pod range the controller manager gives each node; rendered as its
   * {@code node-cidr-mask-size-ipv6} flag when it differs from 64 and an IPv6 pod subnet exists.
   */
  @Value.Default.Int(DEFAULT_NODE_CIDR_MASK_SIZE_IPV6)
  int nodeCidrMaskSizeIpv6();

  /** Returns the node CIDR mask size of {@code subnet}'s address family. */
  default int nodeCidrMaskSize(Cidr subnet) {
    return subnet.isIpv4() ? nodeCidrMaskSizeIpv4() : nodeCidrMaskSizeIpv6();
  }

  /** Returns true if the pod or service subnets contain both an IPv4 and an IPv6 subnet. */
  default boolean isDualStack() {
    return hasBothFamilies(podSubnets()) || hasBothFamilies(serviceSubnets());
  }

  private static boolean hasBothFamilies(List<Cidr> subnets) {
    return subnets.stream().anyMatch(Cidr::isIpv4) && subnets.stream().anyMatch(s -> !s.isIpv4());
  }

  /** Returns kubeadm's defaults: no pod subnet, 10.96.0.0/12 and cluster.local. */
  static Networking defaults() {
    return builder().build();
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void checkShape() {
    if (serviceSubnets().isEmpty()) {
      throw new IllegalArgumentException(
          "service subnets must not be empty: leave them unset for kubeadm's 10.96.0.0/12 or add"
              + " one with serviceSubnet(\"10.96.0.0/12\")");
    }
    checkMaskSize("IPv4", nodeCidrMaskSizeIpv4(), 32);
    checkMaskSize("IPv6", nodeCidrMaskSizeIpv6(), 128);
  }

  private static void checkMaskSize(String family, int maskSize, int maxBits) {
    if (maskSize < 1 || maskSize > maxBits) {
      throw new IllegalArgumentException(
          family
              + " node CIDR mask size '"
              + maskSize
              + "' is outside 1-"
              + maxBits
              + ": give a prefix length such as "
              + (maxBits == 32
                  ? DEFAULT_NODE_CIDR_MASK_SIZE_IPV4
                  : DEFAULT_NODE_CIDR_MASK_SIZE_IPV6));
    }
  }

  /**
   * Builds a {@link Networking}. {@code podSubnet} and {@code serviceSubnet} add one subnet each;
   * the first service subnet added replaces the default.
   */
  final class Builder extends ImmutableNetworking.Builder {
    Builder() {}

    /**
     * Adds a pod subnet from text such as {@code 10.244.0.0/16}.
     *
     * @throws IllegalArgumentException if the text is not a CIDR
     */
    public Builder podSubnet(String cidr) {
      return addPodSubnet(Cidr.parse(cidr));
    }

    /**
     * Adds a service subnet from text such as {@code 10.96.0.0/12}; the first one added replaces
     * the default.
     *
     * @throws IllegalArgumentException if the text is not a CIDR
     */
    public Builder serviceSubnet(String cidr) {
      return addServiceSubnet(Cidr.parse(cidr));
    }
  }
}
