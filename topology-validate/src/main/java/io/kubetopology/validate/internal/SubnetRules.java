package io.kubetopology.validate.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * kubeadm's checks of the pod and service subnets, with the limits of its validation.go and
 * constants.go. Each address family has at most one subnet. A service subnet holds at least 10
 * addresses and has at most 20 host bits. A pod subnet holds at least 14 addresses and is at most
 * 16 bits larger than the range each node gets.
 */
final class SubnetRules {
  /** kubeadm's {@code MinimumAddressesInServiceSubnet}; the cluster DNS service takes the 10th. */
  private static final int MIN_SERVICE_ADDRESSES = 10;

  /** kubeadm's {@code MaximumBitsForServiceSubnet}. */
  private static final int MAX_SERVICE_HOST_BITS = 20;

  /** kubeadm's {@code MinimumAddressesInPodSubnet}. */
  private static final int MIN_POD_ADDRESSES = 14;

  /** kubeadm's {@code PodSubnetNodeMaskMaxDiff}. */
  private static final int MAX_NODE_MASK_DIFFERENCE = 16;

  static final Rule SUBNET_FAMILY_REPEATED =
      new SimpleRule(
          "SUBNET_FAMILY_REPEATED",
          "Pod and service subnets have at most one subnet per address family",
          Severity.ERROR,
          SubnetRules::checkOnePerFamily);

  static final Rule SUBNET_FAMILIES_MISMATCH =
      new SimpleRule(
          "SUBNET_FAMILIES_MISMATCH",
          "Pod and service subnets cover the same address families, both of them for dual-stack",
          Severity.ERROR,
          SubnetRules::checkFamiliesMatch);

  static final Rule SERVICE_SUBNET_SIZE =
      new SimpleRule(
          "SERVICE_SUBNET_SIZE",
          "Service subnets are IPv4 /12 to /28 or IPv6 /108 to /124, as kubeadm requires",
          Severity.ERROR,
          SubnetRules::checkServiceSubnetSizes);

  static final Rule POD_SUBNET_TOO_SMALL =
      new SimpleRule(
          "POD_SUBNET_TOO_SMALL",
          "Pod subnets hold at least 14 addresses, as kubeadm requires",
          Severity.ERROR,
          SubnetRules::checkPodSubnetSizes);

  static final Rule POD_SUBNET_NODE_MASK =
      new SimpleRule(
          "POD_SUBNET_NODE_MASK",
          "Pod subnets are at least as large as a node's range and at most 16 bits larger",
          Severity.ERROR,
          SubnetRules::checkPodSubnetNodeMasks);

  private SubnetRules() {}

  static List<Rule> all() {
    return List.of(
        SUBNET_FAMILY_REPEATED,
        SUBNET_FAMILIES_MISMATCH,
        SERVICE_SUBNET_SIZE,
        POD_SUBNET_TOO_SMALL,
        POD_SUBNET_NODE_MASK);
  }

  private static void checkOnePerFamily(ClusterTopology topology, FindingCollector findings) {
    Networking networking = topology.networking();
    checkOnePerFamily(networking.podSubnets(), "pod", Paths::podSubnet, findings);
    checkOnePerFamily(networking.serviceSubnets(), "service", Paths::serviceSubnet, findings);
  }

  private static void checkOnePerFamily(
      List<Cidr> subnets, String kind, IntFunction<String> path, FindingCollector findings) {
    Optional<Cidr> firstIpv4 = Optional.empty();
    Optional<Cidr> firstIpv6 = Optional.empty();
    for (int i = 0; i < subnets.size(); i++) {
      Cidr subnet = subnets.get(i);
      Optional<Cidr> first = subnet.isIpv4() ? firstIpv4 : firstIpv6;
      if (first.isPresent()) {
        findings.report(
            path.apply(i),
            kind
                + " subnet '"
                + subnet
                + "' is a second "
                + family(subnet)
                + " "
                + kind
                + " subnet after '"
                + first.get()
                + "'; kubeadm accepts one subnet per address family.",
            "merge them into one range, and keep at most one IPv4 and one IPv6 "
                + kind
                + " subnet.");
      } else if (subnet.isIpv4()) {
        firstIpv4 = Optional.of(subnet);
      } else {
        firstIpv6 = Optional.of(subnet);
      }
    }
  }

  /**
   * Compares the families of pods and services. Without pod subnets kubeadm allocates no pod ranges
   * and the network plugin brings its own, so there is nothing to compare.
   */
  private static void checkFamiliesMatch(ClusterTopology topology, FindingCollector findings) {
    Networking networking = topology.networking();
    if (networking.podSubnets().isEmpty()) {
      return;
    }
    String podFamilies = families(networking.podSubnets());
    String serviceFamilies = families(networking.serviceSubnets());
    if (!podFamilies.equals(serviceFamilies)) {
      findings.report(
          "networking",
          "pod subnets cover "
              + podFamilies
              + " but service subnets cover "
              + serviceFamilies
              + "; pods and services need the same address families, and a dual-stack cluster"
              + " needs an IPv4 and an IPv6 subnet in both.",
          "give pods and services subnets of the same families, such as 10.244.0.0/16 and"
              + " fd00:10:244::/56 for pods with 10.96.0.0/12 and fd00:10:96::/108 for services.");
    }
  }

  private static void checkServiceSubnetSizes(ClusterTopology topology, FindingCollector findings) {
    List<Cidr> subnets = topology.networking().serviceSubnets();
    for (int i = 0; i < subnets.size(); i++) {
      checkServiceSubnetSize(subnets.get(i), Paths.serviceSubnet(i), findings);
    }
  }

  private static void checkServiceSubnetSize(Cidr subnet, String path, FindingCollector findings) {
    int bits = subnet.network().bitLength();
    int largestPrefix = bits - MAX_SERVICE_HOST_BITS;
    int smallestPrefix = bits - hostBitsFor(MIN_SERVICE_ADDRESSES);
    String hint =
        "use a prefix from /"
            + largestPrefix
            + " to /"
            + smallestPrefix
            + ", such as "
            + (subnet.isIpv4() ? "10.96.0.0/12" : "fd00:10:96::/108")
            + ".";
    if (subnet.prefixLength() < largestPrefix) {
      findings.report(
          path,
          "service subnet '"
              + subnet
              + "' is larger than /"
              + largestPrefix
              + "; kubeadm allows at most "
              + MAX_SERVICE_HOST_BITS
              + " host bits in a service subnet.",
          hint);
    } else if (subnet.prefixLength() > smallestPrefix) {
      findings.report(
          path,
          "service subnet '"
              + subnet
              + "' holds "
              + addressCount(subnet)
              + " addresses; kubeadm needs at least "
              + MIN_SERVICE_ADDRESSES
              + ", because the cluster DNS service takes the tenth.",
          hint);
    }
  }

  private static void checkPodSubnetSizes(ClusterTopology topology, FindingCollector findings) {
    List<Cidr> subnets = topology.networking().podSubnets();
    for (int i = 0; i < subnets.size(); i++) {
      Cidr subnet = subnets.get(i);
      int smallestPrefix = subnet.network().bitLength() - hostBitsFor(MIN_POD_ADDRESSES);
      if (subnet.prefixLength() > smallestPrefix) {
        findings.report(
            Paths.podSubnet(i),
            "pod subnet '"
                + subnet
                + "' holds "
                + addressCount(subnet)
                + " addresses; kubeadm needs at least "
                + MIN_POD_ADDRESSES
                + ".",
            "use a prefix of /"
                + smallestPrefix
                + " or shorter, such as "
                + (subnet.isIpv4() ? "10.244.0.0/16" : "fd00:10:244::/56")
                + ".");
      }
    }
  }

  private static void checkPodSubnetNodeMasks(ClusterTopology topology, FindingCollector findings) {
    Networking networking = topology.networking();
    List<Cidr> subnets = networking.podSubnets();
    for (int i = 0; i < subnets.size(); i++) {
      checkPodSubnetNodeMask(
          subnets.get(i),
          networking.nodeCidrMaskSize(subnets.get(i)),
          Paths.podSubnet(i),
          findings);
    }
  }

  private static void checkPodSubnetNodeMask(
      Cidr subnet, int nodeMask, String path, FindingCollector findings) {
    String maskSetting = subnet.isIpv4() ? "nodeCidrMaskSizeIpv4" : "nodeCidrMaskSizeIpv6";
    if (subnet.prefixLength() > nodeMask) {
      findings.report(
          path,
          "pod subnet '"
              + subnet
              + "' is smaller than the /"
              + nodeMask
              + " range the controller manager gives each node.",
          "use a pod subnet of /"
              + nodeMask
              + " or larger, or set "
              + maskSetting
              + " to at least "
              + subnet.prefixLength()
              + ".");
    } else if (nodeMask - subnet.prefixLength() > MAX_NODE_MASK_DIFFERENCE) {
      findings.report(
          path,
          "pod subnet '"
              + subnet
              + "' is "
              + (nodeMask - subnet.prefixLength())
              + " bits larger than the /"
              + nodeMask
              + " range of each node; kubeadm allows at most "
              + MAX_NODE_MASK_DIFFERENCE
              + ".",
          "use a pod subnet of /"
              + (nodeMask - MAX_NODE_MASK_DIFFERENCE)
              + " or smaller, or set "
              + maskSetting
              + " to at most "
              + (subnet.prefixLength() + MAX_NODE_MASK_DIFFERENCE)
              + ".");
    }
  }

  /** Returns the number of host bits a subnet needs to hold {@code addresses} addresses. */
  private static int hostBitsFor(int addresses) {
    return 32 - Integer.numberOfLeadingZeros(addresses - 1);
  }

  private static BigInteger addressCount(Cidr subnet) {
    return BigInteger.ONE.shiftLeft(subnet.network().bitLength() - subnet.prefixLength());
  }

  private static String family(Cidr subnet) {
    return subnet.isIpv4() ? "IPv4" : "IPv6";
  }

  private static String families(List<Cidr> subnets) {
    boolean ipv4 = subnets.stream().anyMatch(Cidr::isIpv4);
    boolean ipv6 = subnets.stream().anyMatch(subnet -> !subnet.isIpv4());
    if (ipv4 && ipv6) {
      return "IPv4 and IPv6";
    }
    return ipv4 ? "IPv4 only" : "IPv6 only";
  }
}
