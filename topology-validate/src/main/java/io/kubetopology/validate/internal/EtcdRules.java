package io.kubetopology.validate.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdMember;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rules on an external etcd cluster: its members, the dedicated etcd hosts, the client endpoints
 * and the client TLS files that kubeadm's {@code etcd.external} block holds.
 */
final class EtcdRules {
  static final Rule EXTERNAL_ETCD_MEMBERS_MISSING =
      new SimpleRule(
          "EXTERNAL_ETCD_MEMBERS_MISSING",
          "External etcd has etcd hosts or explicit endpoints",
          Severity.ERROR,
          EtcdRules::checkMembersPresent);

  static final Rule ETCD_HOSTS_WITH_STACKED_ETCD =
      new SimpleRule(
          "ETCD_HOSTS_WITH_STACKED_ETCD",
          "Nodes with the etcd role come with an external etcd topology",
          Severity.ERROR,
          EtcdRules::checkHostsNeedExternal);

  static final Rule EXTERNAL_ETCD_ENDPOINTS_WITH_HOSTS =
      new SimpleRule(
          "EXTERNAL_ETCD_ENDPOINTS_WITH_HOSTS",
          "External etcd names either etcd hosts or explicit endpoints, not both",
          Severity.ERROR,
          EtcdRules::checkEndpointsOrHosts);

  static final Rule ETCD_HOST_HAS_OTHER_ROLE =
      new SimpleRule(
          "ETCD_HOST_HAS_OTHER_ROLE",
          "An etcd host has no other role, because its kubelet runs etcd only",
          Severity.ERROR,
          EtcdRules::checkHostRoles);

  static final Rule EXTERNAL_ETCD_EVEN_MEMBERS =
      new SimpleRule(
          "EXTERNAL_ETCD_EVEN_MEMBERS",
          "External etcd has an odd number of members",
          Severity.ERROR,
          EtcdRules::checkEvenMembers);

  static final Rule EXTERNAL_ETCD_TOO_FEW_MEMBERS =
      new SimpleRule(
          "EXTERNAL_ETCD_TOO_FEW_MEMBERS",
          "External etcd has at least three members, so it survives the loss of one",
          Severity.WARNING,
          EtcdRules::checkTooFewMembers);

  static final Rule ETCD_MEMBER_NAME_DUPLICATE =
      new SimpleRule(
          "ETCD_MEMBER_NAME_DUPLICATE",
          "No two etcd hosts share a member name",
          Severity.ERROR,
          EtcdRules::checkDuplicateMemberNames);

  static final Rule ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER =
      new SimpleRule(
          "ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER",
          "Every etcd host appears in --initial-cluster with its own name and peer URL",
          Severity.ERROR,
          EtcdRules::checkInitialCluster);

  static final Rule EXTERNAL_ETCD_ENDPOINT_INVALID =
      new SimpleRule(
          "EXTERNAL_ETCD_ENDPOINT_INVALID",
          "External etcd endpoints are URLs of the form https://HOST:PORT",
          Severity.ERROR,
          EtcdRules::checkEndpointFormat);

  static final Rule EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS =
      new SimpleRule(
          "EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS",
          "External etcd endpoints use https when TLS files are given",
          Severity.ERROR,
          EtcdRules::checkEndpointScheme);

  static final Rule EXTERNAL_ETCD_TLS_INCOMPLETE =
      new SimpleRule(
          "EXTERNAL_ETCD_TLS_INCOMPLETE",
          "External etcd gives the CA, certificate and key files together or none of them",
          Severity.ERROR,
          EtcdRules::checkTlsComplete);

  static final Rule EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE =
      new SimpleRule(
          "EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE",
          "External etcd TLS file paths are absolute",
          Severity.ERROR,
          EtcdRules::checkTlsPathsAbsolute);

  /** {@code SCHEME://HOST:PORT}, the host an IPv6 literal in brackets or a name or IPv4. */
  private static final Pattern ENDPOINT =
      Pattern.compile("([a-z][a-z0-9+.-]*)://(\\[[^\\]/]*\\]|[^\\[\\]/:]+):([0-9]{1,5})");

  private static final String ENDPOINT_HINT =
      "write each endpoint as https://HOST:PORT, such as https://10.0.1.11:2379, with an IPv6"
          + " address in brackets.";

  private EtcdRules() {}

  static List<Rule> all() {
    return List.of(
        EXTERNAL_ETCD_MEMBERS_MISSING,
        ETCD_HOSTS_WITH_STACKED_ETCD,
        EXTERNAL_ETCD_ENDPOINTS_WITH_HOSTS,
        ETCD_HOST_HAS_OTHER_ROLE,
        EXTERNAL_ETCD_EVEN_MEMBERS,
        EXTERNAL_ETCD_TOO_FEW_MEMBERS,
        ETCD_MEMBER_NAME_DUPLICATE,
        ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER,
        EXTERNAL_ETCD_ENDPOINT_INVALID,
        EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS,
        EXTERNAL_ETCD_TLS_INCOMPLETE,
        EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE);
  }

  private static List<Node> etcdHosts(ClusterTopology topology) {
    return topology.nodes().stream().filter(node -> node.hasRole(Role.ETCD)).toList();
  }

  private static String quotedNames(List<Node> nodes) {
    return nodes.stream().map(node -> "'" + node.name() + "'").collect(Collectors.joining(", "));
  }

  /**
   * Returns the member count of an external cluster: its etcd hosts when it has any, else its
   * explicit endpoints, one per member.
   */
  private static int memberCount(ClusterTopology topology) {
    int hosts = etcdHosts(topology).size();
    return hosts > 0 ? hosts : topology.etcd().endpoints().size();
  }

  private static void checkMembersPresent(ClusterTopology topology, FindingCollector findings) {
    EtcdTopology etcd = topology.etcd();
    if (etcd.isExternal() && etcd.endpoints().isEmpty() && etcdHosts(topology).isEmpty()) {
      findings.report(
          "etcd",
          "external etcd has no members: no node has Role.ETCD and etcd.endpoints is empty.",
          "add three etcd hosts with Node.etcd(name, address), or add the client URL of every"
              + " member of an etcd cluster managed elsewhere with addEndpoint(...).");
    }
  }

  private static void checkHostsNeedExternal(ClusterTopology topology, FindingCollector findings) {
    List<Node> hosts = etcdHosts(topology);
    if (!topology.etcd().isExternal() && !hosts.isEmpty()) {
      findings.report(
          "etcd",
          "nodes "
              + quotedNames(hosts)
              + " have Role.ETCD, but etcd is stacked on the control planes, so no etcd member"
              + " would run on them.",
          "set etcd(EtcdTopology.external().build()) to run the etcd cluster on these hosts, or"
              + " remove Role.ETCD from them.");
    }
  }

  private static void checkEndpointsOrHosts(ClusterTopology topology, FindingCollector findings) {
    EtcdTopology etcd = topology.etcd();
    List<Node> hosts = etcdHosts(topology);
    if (etcd.isExternal() && !etcd.endpoints().isEmpty() && !hosts.isEmpty()) {
      findings.report(
          "etcd.endpoints",
          "external etcd has both explicit endpoints and the etcd hosts "
              + quotedNames(hosts)
              + "; the hosts form their own cluster, so an endpoint outside it reaches another"
              + " cluster.",
          "remove the endpoints to use the etcd hosts, whose client URLs become the endpoints,"
              + " or remove Role.ETCD from the hosts to use an etcd cluster managed elsewhere.");
    }
  }

  private static void checkHostRoles(ClusterTopology topology, FindingCollector findings) {
    for (Node node : etcdHosts(topology)) {
      List<Role> others = node.roles().stream().filter(role -> role != Role.ETCD).toList();
      if (!others.isEmpty()) {
        findings.report(
            Paths.node(node, "roles"),
            "etcd host '"
                + node.name()
                + "' also has the roles "
                + others
                + ", but its kubelet is replaced by one that runs the etcd static pod only.",
            "give the etcd member a host of its own, created with Node.etcd(name, address).");
      }
    }
  }

  private static void checkEvenMembers(ClusterTopology topology, FindingCollector findings) {
    int members = memberCount(topology);
    if (topology.etcd().isExternal() && members > 0 && members % 2 == 0) {
      findings.report(
          "etcd",
          "external etcd has "
              + members
              + " members; an even count tolerates no more failures than the odd count below"
              + " it, and two members lose quorum when either fails.",
          "use an odd number of etcd members, such as " + (members + 1) + ".");
    }
  }

  private static void checkTooFewMembers(ClusterTopology topology, FindingCollector findings) {
    int members = memberCount(topology);
    if (topology.etcd().isExternal() && members > 0 && members < 3) {
      findings.report(
          "etcd",
          "external etcd has "
              + members
              + (members == 1 ? " member" : " members")
              + ", so the loss of one member stops the cluster.",
          "use at least three etcd members, as the kubeadm HA guide does.");
    }
  }

  private static void checkDuplicateMemberNames(
      ClusterTopology topology, FindingCollector findings) {
    Set<String> seen = new HashSet<>();
    for (Node node : etcdHosts(topology)) {
      if (!seen.add(node.name())) {
        findings.report(
            Paths.node(node, "name"),
            "etcd member name '"
                + node.name()
                + "' is used by more than one etcd host, so --initial-cluster gives that member"
                + " two peer URLs and etcd does not start.",
            "give every etcd host its own name.");
      }
    }
  }

  /**
   * Parses the {@code --initial-cluster} text the way etcd does (entries split at ',', name and URL
   * split at the first '=') and checks that every host finds its own entry. A member name that
   * contains ',' or '=' breaks the list.
   */
  private static void checkInitialCluster(ClusterTopology topology, FindingCollector findings) {
    List<EtcdMember> members = topology.etcdMembers();
    String initialCluster = EtcdMember.initialCluster(members);
    Set<Map.Entry<String, String>> entries = parseInitialCluster(initialCluster);
    for (EtcdMember member : members) {
      if (!entries.contains(Map.entry(member.name(), member.peerUrl()))) {
        findings.report(
            "nodes[" + member.name() + "].name",
            "etcd member '"
                + member.name()
                + "' is not in --initial-cluster '"
                + initialCluster
                + "' with its peer URL "
                + member.peerUrl()
                + ", because etcd splits that list at ',' and '='.",
            "name the etcd host with lowercase letters, digits, '-' and '.' only, such as"
                + " etcd-1.");
      }
    }
  }

  /** Returns the (name, peer URL) pairs of an {@code --initial-cluster} text. */
  private static Set<Map.Entry<String, String>> parseInitialCluster(String initialCluster) {
    Set<Map.Entry<String, String>> entries = new HashSet<>();
    for (String entry : initialCluster.split(",", -1)) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        entries.add(Map.entry(entry.substring(0, equals), entry.substring(equals + 1)));
      }
    }
    return entries;
  }

  private static void checkEndpointFormat(ClusterTopology topology, FindingCollector findings) {
    List<String> endpoints = topology.etcd().endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      String endpoint = endpoints.get(i);
      if (parseEndpoint(endpoint).isEmpty()) {
        findings.report(
            "etcd.endpoints[" + i + "]",
            "etcd endpoint '" + endpoint + "' is not a URL of the form SCHEME://HOST:PORT.",
            ENDPOINT_HINT);
      }
    }
  }

  private static void checkEndpointScheme(ClusterTopology topology, FindingCollector findings) {
    EtcdTopology etcd = topology.etcd();
    List<String> endpoints = etcd.endpoints();
    boolean tls =
        etcd.caFile().isPresent() || etcd.certFile().isPresent() || etcd.keyFile().isPresent();
    for (int i = 0; i < endpoints.size(); i++) {
      Optional<String> scheme = parseEndpoint(endpoints.get(i));
      if (scheme.isEmpty() || scheme.get().equals("https")) {
        continue;
      }
      if (scheme.get().equals("http") && !tls) {
        continue;
      }
      findings.report(
          "etcd.endpoints[" + i + "]",
          "etcd endpoint '"
              + endpoints.get(i)
              + "' uses "
              + scheme.get()
              + (tls
                  ? ", but TLS files are given, and kubeadm requires https then."
                  : ", which is neither https nor http."),
          tls
              ? "use https, or call clearTlsFiles() for an etcd cluster that serves plain http."
              : ENDPOINT_HINT);
    }
  }

  /** Returns the scheme of a well-formed endpoint, or empty if the endpoint is malformed. */
  private static Optional<String> parseEndpoint(String endpoint) {
    Matcher matcher = ENDPOINT.matcher(endpoint);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String host = matcher.group(2);
    boolean validHost =
        host.startsWith("[")
            ? isIpv6Literal(host.substring(1, host.length() - 1))
            : Names.isHost(host) && !host.contains(":");
    int port = Integer.parseInt(matcher.group(3));
    if (!validHost || port < 1 || port > 65535) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1));
  }

  private static boolean isIpv6Literal(String text) {
    try {
      return !IpAddress.parse(text).isIpv4() && text.contains(":");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, Optional<String>> tlsFiles(EtcdTopology etcd) {
    Map<String, Optional<String>> files = new LinkedHashMap<>();
    files.put("caFile", etcd.caFile());
    files.put("certFile", etcd.certFile());
    files.put("keyFile", etcd.keyFile());
    return files;
  }

  private static void checkTlsComplete(ClusterTopology topology, FindingCollector findings) {
    Map<String, Optional<String>> files = tlsFiles(topology.etcd());
    List<String> missing =
        files.entrySet().stream()
            .filter(file -> file.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList();
    boolean external = topology.etcd().isExternal();
    if (external && missing.size() == files.size() && !etcdHosts(topology).isEmpty()) {
      findings.report(
          "etcd",
          "external etcd on the etcd hosts has no TLS files, but kubeadm runs those members with"
              + " --client-cert-auth=true, so the apiservers need the CA, a client certificate"
              + " and its key.",
          "remove clearTlsFiles(), so that the apiservers use kubeadm's etcd client certificate"
              + " paths.");
    }
    if (!missing.isEmpty() && missing.size() < files.size()) {
      findings.report(
          "etcd",
          "external etcd gives only some of its TLS files: "
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " missing, and the apiservers need the CA, the client certificate and its key"
              + " together.",
          "set caFile, certFile and keyFile, or call clearTlsFiles() for an etcd cluster that"
              + " serves plain http.");
    }
  }

  private static void checkTlsPathsAbsolute(ClusterTopology topology, FindingCollector findings) {
    tlsFiles(topology.etcd())
        .forEach(
            (field, path) -> {
              if (path.isPresent() && !path.get().startsWith("/")) {
                findings.report(
                    "etcd." + field,
                    "etcd " + field + " '" + path.get() + "' is not an absolute path.",
                    "give the absolute path on the control planes, such as "
                        + defaultPath(field)
                        + ".");
              }
            });
  }

  private static String defaultPath(String field) {
    return switch (field) {
      case "caFile" -> EtcdTopology.DEFAULT_CA_FILE;
      case "certFile" -> EtcdTopology.DEFAULT_CERT_FILE;
      default -> EtcdTopology.DEFAULT_KEY_FILE;
    };
  }
}
