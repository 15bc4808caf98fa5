package io.kubetopology.validate.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.HaproxyKeepalived;
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
          "Pod and service subnets overlap neither each other nor node subnets, the virtual IP"
              + " or the endpoint address",
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
   * Compares every pod subnet with every service subnet of its family, and each of them with every
   * distinct node subnet, the VIP and an explicit endpoint address. There are at most two subnets
   * of each kind and node subnets are de-duplicated first, so the work is linear in nodes.
   */
  private static void checkOverlaps(ClusterTopology topology, FindingCollector findings) {
    Networking networking = topology.networking();
    Map<String, Cidr> clusterRanges = new LinkedHashMap<>();
    for (int i = 0; i < networking.podSubnets().size(); i++) {
      clusterRanges.put(Paths.podSubnet(i), networking.podSubnets().get(i));
    }
    for (int i = 0; i < networking.serviceSubnets().size(); i++) {
      clusterRanges.put(Paths.serviceSubnet(i), networking.serviceSubnets().get(i));
    }
    checkPodsAgainstServices(networking, findings);
    Map<Cidr, Node> nodeSubnets = firstNodePerSubnet(topology);
    for (Map.Entry<String, Cidr> range : clusterRanges.entrySet()) {
      checkRangeAgainstNodes(nodeSubnets, range.getKey(), range.getValue(), findings);
      checkRangeAgainstVip(topology, range.getKey(), range.getValue(), findings);
      checkRangeAgainstEndpoint(topology, range.getKey(), range.getValue(), findings);
    }
  }

  private static void checkPodsAgainstServices(Networking networking, FindingCollector findings) {
    List<Cidr> pods = networking.podSubnets();
    for (int i = 0; i < pods.size(); i++) {
      for (Cidr services : networking.serviceSubnets()) {
        if (pods.get(i).overlaps(services)) {
          findings.report(
              Paths.podSubnet(i),
              "pod subnet '" + pods.get(i) + "' overlaps service subnet '" + services + "'.",
              "choose ranges that do not overlap, such as 10.244.0.0/16 for pods and"
                  + " 10.96.0.0/12 for services.");
        }
      }
    }
  }

  private static Map<Cidr, Node> firstNodePerSubnet(ClusterTopology topology) {
    Map<Cidr, Node> firstNodePerSubnet = new LinkedHashMap<>();
    for (Node node : topology.nodes()) {
      firstNodePerSubnet.putIfAbsent(node.address().subnet(), node);
    }
    return firstNodePerSubnet;
  }

  private static void checkRangeAgainstNodes(
      Map<Cidr, Node> nodeSubnets, String path, Cidr range, FindingCollector findings) {
    for (Map.Entry<Cidr, Node> subnet : nodeSubnets.entrySet()) {
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

  /**
   * Checks an explicit endpoint whose host is an IP address. The virtual IP has its own check, so
   * an endpoint at the virtual IP is skipped here to report the overlap once.
   */
  private static void checkRangeAgainstEndpoint(
      ClusterTopology topology, String path, Cidr range, FindingCollector findings) {
    Optional<IpAddress> endpoint =
        topology.controlPlaneEndpoint().map(ControlPlaneEndpoint::host).flatMap(Names::ipLiteral);
    boolean atVip =
        topology.apiEndpoint() instanceof HaproxyKeepalived lb
            && endpoint.filter(lb.virtualIp()::equals).isPresent();
    if (endpoint.isPresent() && !atVip && range.contains(endpoint.get())) {
      findings.report(
          path,
          rangeName(path)
              + " '"
              + range
              + "' contains control plane endpoint address '"
              + endpoint.get()
              + "'.",
          "choose a " + rangeName(path) + " that leaves out the endpoint address.");
    }
  }

  private static String rangeName(String path) {
    return path.startsWith("networking.podSubnets") ? "pod subnet" : "service subnet";
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
