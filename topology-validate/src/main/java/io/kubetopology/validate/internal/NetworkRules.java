package io.kubetopology.validate.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.VirtualIpAccess;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules on address ranges, DNS names, certificate names and images. */
final class NetworkRules {
  static final Rule SUBNETS_OVERLAP =
      new SimpleRule(
          "SUBNETS_OVERLAP",
          "Pod and service subnets overlap neither each other nor the node network",
          Severity.ERROR,
          NetworkRules::checkOverlaps);

  static final Rule DNS_DOMAIN_INVALID =
      new SimpleRule(
          "DNS_DOMAIN_INVALID",
          "The cluster DNS domain is a DNS-1123 subdomain",
          Severity.ERROR,
          NetworkRules::checkDnsDomain);

  static final Rule CERT_SAN_INVALID =
      new SimpleRule(
          "CERT_SAN_INVALID",
          "Extra certificate names are IP addresses, DNS names or wildcard DNS names",
          Severity.ERROR,
          NetworkRules::checkCertSans);

  static final Rule IMAGE_REFERENCE_INVALID =
      new SimpleRule(
          "IMAGE_REFERENCE_INVALID",
          "Image references and the image repository are well formed",
          Severity.ERROR,
          NetworkRules::checkImages);

  private NetworkRules() {}

  static List<Rule> all() {
    return List.of(SUBNETS_OVERLAP, DNS_DOMAIN_INVALID, CERT_SAN_INVALID, IMAGE_REFERENCE_INVALID);
  }

  /**
   * Compares each cluster range with the other one and with every distinct node subnet, VIP and
   * node address; node subnets are de-duplicated first, so the work is linear in nodes.
   */
  private static void checkOverlaps(ClusterTopology topology, FindingCollector findings) {
    Networking networking = topology.networking();
    Map<String, Cidr> clusterRanges = new LinkedHashMap<>();
    networking.podSubnet().ifPresent(pods -> clusterRanges.put("networking.podSubnet", pods));
    clusterRanges.put("networking.serviceSubnet", networking.serviceSubnet());
    checkPodAgainstService(networking, findings);
    for (Map.Entry<String, Cidr> range : clusterRanges.entrySet()) {
      checkRangeAgainstNodes(topology, range.getKey(), range.getValue(), findings);
      checkRangeAgainstVip(topology, range.getKey(), range.getValue(), findings);
    }
  }

  private static void checkPodAgainstService(Networking networking, FindingCollector findings) {
    Optional<Cidr> pods = networking.podSubnet();
    Cidr services = networking.serviceSubnet();
    if (pods.isPresent() && pods.get().overlaps(services)) {
      findings.report(
          "networking.podSubnet",
          "pod subnet '" + pods.get() + "' overlaps service subnet '" + services + "'.",
          "choose ranges that do not overlap, such as 10.244.0.0/16 for pods and 10.96.0.0/12"
              + " for services.");
    }
  }

  private static void checkRangeAgainstNodes(
      ClusterTopology topology, String path, Cidr range, FindingCollector findings) {
    Map<Cidr, Node> firstNodePerSubnet = new LinkedHashMap<>();
    for (Node node : topology.nodes()) {
      firstNodePerSubnet.putIfAbsent(node.address().subnet(), node);
    }
    for (Map.Entry<Cidr, Node> subnet : firstNodePerSubnet.entrySet()) {
      if (range.overlaps(subnet.getKey())) {
        findings.report(
            path,
            rangeName(path)
                + " '"
                + range
                + "' overlaps node subnet '"
                + subnet.getKey()
                + "' of node '"
                + subnet.getValue().name()
                + "', so traffic to those nodes"
                + " would be routed into the cluster.",
            "choose a " + rangeName(path) + " outside every node subnet.");
      }
    }
  }

  private static void checkRangeAgainstVip(
      ClusterTopology topology, String path, Cidr range, FindingCollector findings) {
    if (topology.apiEndpoint() instanceof VirtualIpAccess lb) {
      IpAddress vip = lb.virtualIp();
      if (range.contains(vip)) {
        findings.report(
            path,
            rangeName(path) + " '" + range + "' contains virtual IP '" + vip + "'.",
            "choose a " + rangeName(path) + " that leaves out the virtual IP.");
      }
    }
  }

  private static String rangeName(String path) {
    return path.endsWith("podSubnet") ? "pod subnet" : "service subnet";
  }

  private static void checkDnsDomain(ClusterTopology topology, FindingCollector findings) {
    String domain = topology.networking().dnsDomain();
    if (!Names.isDns1123Subdomain(domain)) {
      findings.report(
          "networking.dnsDomain",
          "DNS domain '" + domain + "' is not a DNS-1123 subdomain.",
          "use lowercase labels separated by dots, such as cluster.local.");
    }
  }

  private static void checkCertSans(ClusterTopology topology, FindingCollector findings) {
    List<String> sans = new ArrayList<>(topology.extraCertSans());
    for (int i = 0; i < sans.size(); i++) {
      String san = sans.get(i);
      String host = san.startsWith("*.") ? san.substring(2) : san;
      if (!Names.isHost(host)) {
        findings.report(
            "extraCertSans[" + i + "]",
            "certificate name '" + san + "' is neither an IP address nor a DNS name.",
            "use an IP address, a lowercase DNS name or a wildcard such as *.example.com.");
      }
    }
  }

  private static void checkImages(ClusterTopology topology, FindingCollector findings) {
    checkImage("images.imageRepository", topology.images().imageRepository(), findings);
    checkImage("images.haproxyImage", topology.images().haproxyImage(), findings);
    checkImage("images.keepalivedImage", topology.images().keepalivedImage(), findings);
    checkImage("images.kubeVipImage", topology.images().kubeVipImage(), findings);
  }

  private static void checkImage(String path, String image, FindingCollector findings) {
    if (!Names.isImageReference(image)) {
      findings.report(
          path,
          "image reference '" + image + "' is malformed.",
          "use REGISTRY/PATH:TAG with lowercase path characters, such as"
              + " docker.io/library/haproxy:2.8.5.");
    }
  }
}
