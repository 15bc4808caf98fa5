package io.kubetopology.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.HaproxyKeepalived.Placement;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.InterfaceAddress;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the standard rule catalogue against a valid reference topology: three stacked control
 * planes cp-1..3 at 10.0.0.11-13/24, two workers, VIP 10.0.0.100 on eth0 with frontend port 8443
 * and pod subnet 10.244.0.0/16, with a cluster CA. The external etcd reference adds the etcd hosts
 * etcd-1..3 at 10.0.1.11-13/24. Each rule test changes one thing and expects exactly the findings
 * of that change.
 */
class StandardRulesTest {
  /**
   * The rule ids that the tests below produce, kept by hand. {@link #standardRules_areAllCovered()}
   * fails when a standard rule is missing here, so a new rule needs its id here and a test that
   * produces it.
   */
  private static final List<String> COVERED_RULE_IDS =
      List.of(
          "CLUSTER_NAME_INVALID",
          "NODE_NAME_INVALID",
          "NODE_NAME_DUPLICATE",
          "NODE_ADDRESS_DUPLICATE",
          "NODE_LABEL_INVALID",
          "CRI_SOCKET_INVALID",
          "CONTROL_PLANE_MISSING",
          "STACKED_ETCD_EVEN_MEMBERS",
          "STACKED_ETCD_TOO_FEW_MEMBERS",
          "HA_ENDPOINT_MISSING",
          "SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT",
          "ENDPOINT_HOST_INVALID",
          "ENDPOINT_PORT_MISMATCH",
          "LB_PORT_COLLIDES_WITH_APISERVER",
          "VRRP_ROUTER_ID_RANGE",
          "VIP_EQUALS_NODE_ADDRESS",
          "VIP_OUTSIDE_NODE_SUBNET",
          "VIP_IS_NETWORK_OR_BROADCAST",
          "VRRP_INTERFACE_MISSING",
          "INTERFACE_NAME_INVALID",
          "VIP_INTERFACE_LOOPBACK",
          "VRRP_ROUTER_ID_IN_USE",
          "VRRP_MULTICAST_UNAVAILABLE",
          "VRRP_UNICAST_PEERS_SPLIT_SUBNETS",
          "VIP_HOLDERS_SPLIT_SUBNETS",
          "SUBNETS_OVERLAP",
          "DNS_DOMAIN_INVALID",
          "CERT_SAN_INVALID",
          "IMAGE_REFERENCE_INVALID",
          "SUBNET_FAMILY_REPEATED",
          "SUBNET_FAMILIES_MISMATCH",
          "SERVICE_SUBNET_SIZE",
          "POD_SUBNET_TOO_SMALL",
          "POD_SUBNET_NODE_MASK",
          "VRRP_PASSWORD_TOO_LONG",
          "VRRP_PASSWORD_CHARACTERS",
          "BOOTSTRAP_TOKEN_INVALID",
          "CERTIFICATE_KEY_INVALID",
          "VALUE_UNSAFE_FOR_CONFIG",
          "JOIN_CA_NOT_PINNED",
          "CLUSTER_CA_NOT_CA",
          "EXTERNAL_ETCD_MEMBERS_MISSING",
          "ETCD_HOSTS_WITH_STACKED_ETCD",
          "EXTERNAL_ETCD_ENDPOINTS_WITH_HOSTS",
          "ETCD_HOST_HAS_OTHER_ROLE",
          "EXTERNAL_ETCD_EVEN_MEMBERS",
          "EXTERNAL_ETCD_TOO_FEW_MEMBERS",
          "ETCD_MEMBER_NAME_DUPLICATE",
          "ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER",
          "EXTERNAL_ETCD_ENDPOINT_INVALID",
          "EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS",
          "EXTERNAL_ETCD_TLS_INCOMPLETE",
          "EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE",
          "LOAD_BALANCER_ROLE_UNUSED",
          "LOAD_BALANCER_HOSTS_MISSING",
          "LOAD_BALANCER_HOSTS_TOO_FEW",
          "LOAD_BALANCER_HOST_NOT_DEDICATED",
          "KUBE_VIP_LEASE_TIMING",
          "EXTERNAL_LB_TLS_TERMINATION",
          "WORKER_PROXY_PORT_IN_USE");

  private static final Node CP_1 = Node.controlPlane("cp-1", "10.0.0.11/24");
  private static final Node CP_2 = Node.controlPlane("cp-2", "10.0.0.12/24");
  private static final Node CP_3 = Node.controlPlane("cp-3", "10.0.0.13/24");
  private static final Node WORKER_1 = Node.worker("worker-1", "10.0.0.21/24");
  private static final Node WORKER_2 = Node.worker("worker-2", "10.0.0.22/24");

  private static final String UNSAFE_VALUE_HINT =
      "remove the character: strings written into the rendered files may not contain quotes,"
          + " '\\', '#', '!', '{', '}', ';', '$', '`', '&', '|', '<', '>', ',', '=', whitespace or"
          + " control characters.";

  private static final Finding SPLIT_CP_3 =
      error(
          "VIP_HOLDERS_SPLIT_SUBNETS",
          "nodes[cp-3].address",
          "control plane 'cp-3' is in subnet '10.0.1.0/24', apart from subnet '10.0.0.0/24' of"
              + " control plane 'cp-1'; every holder of the virtual IP must sit in one subnet,"
              + " because keepalived announces it on the local link only.",
          "give every control plane an address in 10.0.0.0/24.");
  private static final Node LB_1 = loadBalancerHost("lb-1", "10.0.0.31/24");
  private static final Node LB_2 = loadBalancerHost("lb-2", "10.0.0.32/24");

  private static final String VRRP_PASSWORD_HINT =
      "use a password of at most 8 characters, or leave it out to have one generated.";

  private static HaproxyKeepalived loadBalancer() {
    return ApiEndpointAccess.haproxyKeepalived()
        .virtualIp("10.0.0.100")
        .interfaceName("eth0")
        .frontendPort(8443)
        .build();
  }

  private static Node loadBalancerHost(String name, String address) {
    return Node.builder().name(name).address(address).addRole(Role.LOAD_BALANCER).build();
  }

  /**
   * Returns the reference topology behind haproxy and keepalived on lb-1 and lb-2, on port 6443.
   */
  private static ClusterTopology dedicatedHosts() {
    return reference()
        .withNodes(CP_1, CP_2, CP_3, WORKER_1, WORKER_2, LB_1, LB_2)
        .withApiEndpoint(
            loadBalancer().withPlacement(Placement.LOAD_BALANCER_HOSTS).withFrontendPort(6443));
  }

  private static KubeVip kubeVip() {
    return ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").interfaceName("eth0").build();
  }

  private static ExternalLoadBalancer externalLoadBalancer() {
    return ApiEndpointAccess.externalLoadBalancer().host("api.prod.example.com").build();
  }

  private static ClusterTopology reference() {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(CP_1, CP_2, CP_3, WORKER_1, WORKER_2)
        .etcd(EtcdTopology.stacked())
        .apiEndpoint(loadBalancer())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .secrets(ClusterSecrets.builder().clusterCa(TestCas.rsaCa()).build())
        .build();
  }

  /** Returns the reference topology with the node of the same name replaced by {@code node}. */
  private static ClusterTopology withNode(String name, Node node) {
    List<Node> nodes = new ArrayList<>();
    for (Node existing : reference().nodes()) {
      nodes.add(existing.name().equals(name) ? node : existing);
    }
    return reference().withNodes(nodes);
  }

  /** Returns the reference topology with every node and the VIP moved into {@code prefix}.0/24. */
  private static ClusterTopology movedToSubnet(String prefix) {
    List<Node> nodes = new ArrayList<>();
    for (Node node : reference().nodes()) {
      String host = node.address().address().toString().substring("10.0.0.".length());
      nodes.add(node.withAddress(InterfaceAddress.parse(prefix + host + "/24")));
    }
    return reference()
        .withNodes(nodes)
        .withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse(prefix + "100")));
  }

  /** Returns the reference topology with {@code secrets} and the reference cluster CA. */
  private static ClusterTopology withSecrets(ClusterSecrets secrets) {
    return reference().withSecrets(secrets.withClusterCa(TestCas.rsaCa()));
  }

  private static List<Finding> findings(ClusterTopology topology) {
    return TopologyValidator.standard().validate(topology).findings();
  }

  private static void assertSingleFinding(ClusterTopology topology, Finding expected) {
    List<Finding> findings = findings(topology);
    assertThat(findings).hasSize(1);
    Finding actual = findings.get(0);
    assertThat(actual.ruleId()).isEqualTo(expected.ruleId());
    assertThat(actual.severity()).isEqualTo(expected.severity());
    assertThat(actual.path()).isEqualTo(expected.path());
    assertThat(actual.message()).isEqualTo(expected.message());
    assertThat(actual.hint()).isEqualTo(expected.hint());
  }

  private static Finding error(String ruleId, String path, String message, String hint) {
    return new Finding(ruleId, Severity.ERROR, path, message, hint);
  }

  private static Finding warning(String ruleId, String path, String message, String hint) {
    return new Finding(ruleId, Severity.WARNING, path, message, hint);
  }

  private static final Node ETCD_1 = Node.etcd("etcd-1", "10.0.1.11/24");
  private static final Node ETCD_2 = Node.etcd("etcd-2", "10.0.1.12/24");
  private static final Node ETCD_3 = Node.etcd("etcd-3", "10.0.1.13/24");

  /** Returns the reference topology with {@code etcdHosts} and external etcd on them. */
  private static ClusterTopology withEtcdHosts(Node... etcdHosts) {
    List<Node> nodes = new ArrayList<>(reference().nodes());
    nodes.addAll(List.of(etcdHosts));
    return reference().withNodes(nodes).withEtcd(EtcdTopology.external().build());
  }

  private static ClusterTopology externalReference() {
    return withEtcdHosts(ETCD_1, ETCD_2, ETCD_3);
  }

  /** Returns the reference topology with an external etcd cluster managed elsewhere. */
  private static ClusterTopology withUnmanagedEtcd(EtcdTopology.Builder etcd) {
    return reference().withEtcd(etcd.build());
  }

  private static EtcdTopology.Builder unmanagedEtcd(String... endpoints) {
    return EtcdTopology.external().addEndpoints(endpoints);
  }

  @Test
  void standardRules_areAllCovered() {
    List<String> standardIds = TopologyValidator.standard().rules().stream().map(Rule::id).toList();

    assertThat(standardIds).containsExactlyInAnyOrderElementsOf(COVERED_RULE_IDS);
  }

  @Test
  void standardRules_haveUniqueUpperSnakeCaseIds() {
    List<String> standardIds = TopologyValidator.standard().rules().stream().map(Rule::id).toList();

    assertThat(standardIds).doesNotHaveDuplicates();
    assertThat(standardIds).allMatch(id -> id.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"));
  }

  @Test
  void standardRules_haveSummaries() {
    Map<String, String> summaries =
        TopologyValidator.standard().rules().stream()
            .collect(Collectors.toMap(Rule::id, Rule::summary));

    assertThat(summaries).allSatisfy((id, summary) -> assertThat(summary).isNotBlank());
  }

  @Test
  void reference_hasNoFindings() {
    assertThat(findings(reference())).isEmpty();
  }

  @Test
  void reference_withGeneratedSecretsHasNoFindings() {
    ClusterTopology topology = withSecrets(ClusterSecrets.none().completedWith(new SecureRandom()));

    assertThat(findings(topology)).isEmpty();
  }

  /** Returns the reference topology in IPv6, with the given single-stack subnets. */
  private static ClusterTopology inIpv6(Networking networking) {
    return reference()
        .withNodes(
            Node.controlPlane("cp-1", "fd00::11/64"),
            Node.controlPlane("cp-2", "fd00::12/64"),
            Node.controlPlane("cp-3", "fd00::13/64"),
            Node.worker("worker-1", "fd00::21/64"))
        .withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("fd00::100")))
        .withNetworking(networking);
  }

  private static ClusterTopology inIpv6(String podSubnet, String serviceSubnet) {
    return inIpv6(Networking.builder().podSubnet(podSubnet).serviceSubnet(serviceSubnet).build());
  }

  @Test
  void reference_inIpv6HasNoFindings() {
    assertThat(findings(inIpv6("fd00:10:244::/56", "fd00:10:96::/108"))).isEmpty();
  }

  @Test
  void validate_fiveThousandNodesHaveNoFindings() {
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.controlPlane("cp-1", "10.0.0.11/16"));
    nodes.add(Node.controlPlane("cp-2", "10.0.0.12/16"));
    nodes.add(Node.controlPlane("cp-3", "10.0.0.13/16"));
    for (int i = 0; i < 4997; i++) {
      String address = "10.0." + (i / 250 + 1) + "." + (i % 250 + 1) + "/16";
      nodes.add(Node.worker("worker-" + (i + 1), address));
    }
    ClusterTopology topology = reference().withNodes(nodes);

    assertThat(topology.nodes()).hasSize(5000);
    assertThat(findings(topology)).isEmpty();
  }

  // CLUSTER_NAME_INVALID

  @Test
  void clusterNameInvalid_reportsUppercaseAndUnderscore() {
    assertSingleFinding(
        reference().withName("Prod_EU1"),
        error(
            "CLUSTER_NAME_INVALID",
            "name",
            "cluster name 'Prod_EU1' is not a DNS-1123 label.",
            "use at most 63 lowercase letters, digits and '-', starting and ending with a letter"
                + " or digit, such as prod-eu1."));
  }

  @Test
  void clusterNameInvalid_reportsDottedName() {
    assertSingleFinding(
        reference().withName("prod.eu1"),
        error(
            "CLUSTER_NAME_INVALID",
            "name",
            "cluster name 'prod.eu1' is not a DNS-1123 label.",
            "use at most 63 lowercase letters, digits and '-', starting and ending with a letter"
                + " or digit, such as prod-eu1."));
  }

  @Test
  void clusterNameInvalid_acceptsSixtyThreeCharacters() {
    assertThat(findings(reference().withName("a".repeat(63)))).isEmpty();
  }

  @Test
  void clusterNameInvalid_reportsSixtyFourCharacters() {
    assertThat(findings(reference().withName("a".repeat(64))))
        .extracting(Finding::ruleId)
        .containsExactly("CLUSTER_NAME_INVALID");
  }

  // NODE_NAME_INVALID

  @Test
  void nodeNameInvalid_reportsUppercase() {
    assertSingleFinding(
        withNode("worker-1", Node.worker("Worker-1", "10.0.0.21/24")),
        error(
            "NODE_NAME_INVALID",
            "nodes[Worker-1].name",
            "node name 'Worker-1' is not a lowercase DNS-1123 subdomain.",
            "use lowercase letters, digits, '-' and '.', starting and ending with a letter or"
                + " digit, such as cp-1."));
  }

  @Test
  void nodeNameInvalid_acceptsSubdomain() {
    ClusterTopology topology =
        withNode("worker-1", Node.worker("worker-1.eu1.example.com", "10.0.0.21/24"));

    assertThat(findings(topology)).isEmpty();
  }

  // NODE_NAME_DUPLICATE

  @Test
  void nodeNameDuplicate_reportsSecondNode() {
    assertSingleFinding(
        withNode("worker-2", Node.worker("worker-1", "10.0.0.22/24")),
        error(
            "NODE_NAME_DUPLICATE",
            "nodes[worker-1].name",
            "node name 'worker-1' is used by more than one node.",
            "give every node its own name."));
  }

  // NODE_ADDRESS_DUPLICATE

  @Test
  void nodeAddressDuplicate_reportsSecondNode() {
    assertSingleFinding(
        withNode("worker-2", Node.worker("worker-2", "10.0.0.21/24")),
        error(
            "NODE_ADDRESS_DUPLICATE",
            "nodes[worker-2].address",
            "address '10.0.0.21' of node 'worker-2' is also the address of node 'worker-1'.",
            "give every node its own address."));
  }

  @Test
  void nodeAddressDuplicate_ignoresPrefixLength() {
    assertSingleFinding(
        withNode("worker-2", Node.worker("worker-2", "10.0.0.21/16")),
        error(
            "NODE_ADDRESS_DUPLICATE",
            "nodes[worker-2].address",
            "address '10.0.0.21' of node 'worker-2' is also the address of node 'worker-1'.",
            "give every node its own address."));
  }

  // NODE_LABEL_INVALID

  @Test
  void nodeLabelInvalid_reportsKeyStartingWithDash() {
    assertSingleFinding(
        withNode("worker-1", WORKER_1.withLabels(Map.of("-zone", "eu-1a"))),
        error(
            "NODE_LABEL_INVALID",
            "nodes[worker-1].labels",
            "label key '-zone' of node 'worker-1' is not a valid label key.",
            "use an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-',"
                + " '_' and '.', such as topology.kubernetes.io/zone."));
  }

  @Test
  void nodeLabelInvalid_reportsUppercasePrefix() {
    assertSingleFinding(
        withNode("worker-1", WORKER_1.withLabels(Map.of("Example.com/zone", "eu-1a"))),
        error(
            "NODE_LABEL_INVALID",
            "nodes[worker-1].labels",
            "label key 'Example.com/zone' of node 'worker-1' is not a valid label key.",
            "use an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-',"
                + " '_' and '.', such as topology.kubernetes.io/zone."));
  }

  @Test
  void nodeLabelInvalid_reportsValueWithSlash() {
    assertSingleFinding(
        withNode("worker-1", WORKER_1.withLabels(Map.of("zone", "eu/1a"))),
        error(
            "NODE_LABEL_INVALID",
            "nodes[worker-1].labels",
            "label 'zone' of node 'worker-1' has the invalid value 'eu/1a'.",
            "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter"
                + " or digit."));
  }

  @Test
  void nodeLabelInvalid_acceptsPrefixedKey() {
    Node labelled =
        WORKER_1.withLabels(
            Map.of("topology.kubernetes.io/zone", "eu-1a", "node-role.kubernetes.io/edge", ""));

    assertThat(findings(withNode("worker-1", labelled))).isEmpty();
  }

  // CRI_SOCKET_INVALID

  @Test
  void criSocketInvalid_reportsPathWithoutScheme() {
    assertSingleFinding(
        withNode("worker-1", WORKER_1.withCriSocket("/run/containerd/containerd.sock")),
        error(
            "CRI_SOCKET_INVALID",
            "nodes[worker-1].criSocket",
            "CRI socket '/run/containerd/containerd.sock' of node 'worker-1' is not a unix://"
                + " URL.",
            "use the runtime's socket URL, such as unix:///var/run/containerd/containerd.sock."));
  }

  @Test
  void criSocketInvalid_acceptsCrioSocket() {
    Node crio = WORKER_1.withCriSocket("unix:///var/run/crio/crio.sock");

    assertThat(findings(withNode("worker-1", crio))).isEmpty();
  }

  // CONTROL_PLANE_MISSING

  @Test
  void controlPlaneMissing_reportsWorkersOnly() {
    assertSingleFinding(
        reference().withNodes(WORKER_1, WORKER_2),
        error(
            "CONTROL_PLANE_MISSING",
            "nodes",
            "the topology has no control-plane node, so no node can run kubeadm init.",
            "add a node with Role.CONTROL_PLANE, for example Node.controlPlane(\"cp-1\","
                + " \"10.0.0.11/24\")."));
  }

  // STACKED_ETCD_EVEN_MEMBERS

  private static final Finding TOO_FEW_FOR_TWO =
      warning(
          "STACKED_ETCD_TOO_FEW_MEMBERS",
          "nodes",
          "the topology is built for high availability but has 2 control planes with stacked"
              + " etcd, so etcd stops when one control plane fails.",
          "use at least three control planes, the smallest stacked etcd that survives the loss"
              + " of one.");

  @Test
  void stackedEtcdEvenMembers_reportsTwoMembers() {
    List<Finding> findings = findings(reference().withNodes(CP_1, CP_2, WORKER_1, WORKER_2));

    assertThat(findings)
        .containsExactly(
            error(
                "STACKED_ETCD_EVEN_MEMBERS",
                "nodes",
                "stacked etcd has 2 members, one per control plane; quorum is two of two, so etcd"
                    + " stops when either member fails, which is worse than one member alone.",
                "use an odd number of control planes, such as 3."),
            TOO_FEW_FOR_TWO);
  }

  @Test
  void stackedEtcdEvenMembers_reportsFourMembers() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, CP_2, CP_3, Node.controlPlane("cp-4", "10.0.0.14/24"), WORKER_1);

    assertSingleFinding(
        topology,
        error(
            "STACKED_ETCD_EVEN_MEMBERS",
            "nodes",
            "stacked etcd has 4 members, one per control plane; quorum is 3 of 4, so etcd survives"
                + " 1 failed member, no more than with 3 members, while one more member can fail.",
            "use an odd number of control planes, such as 3 or 5."));
  }

  @Test
  void stackedEtcdEvenMembers_reportsSixMembers() {
    ClusterTopology topology =
        reference()
            .withNodes(
                CP_1,
                CP_2,
                CP_3,
                Node.controlPlane("cp-4", "10.0.0.14/24"),
                Node.controlPlane("cp-5", "10.0.0.15/24"),
                Node.controlPlane("cp-6", "10.0.0.16/24"));

    assertSingleFinding(
        topology,
        error(
            "STACKED_ETCD_EVEN_MEMBERS",
            "nodes",
            "stacked etcd has 6 members, one per control plane; quorum is 4 of 6, so etcd survives"
                + " 2 failed members, no more than with 5 members, while one more member can"
                + " fail.",
            "use an odd number of control planes, such as 5 or 7."));
  }

  @Test
  void stackedEtcdEvenMembers_acceptsFiveMembers() {
    ClusterTopology topology =
        reference()
            .withNodes(
                CP_1,
                CP_2,
                CP_3,
                Node.controlPlane("cp-4", "10.0.0.14/24"),
                Node.controlPlane("cp-5", "10.0.0.15/24"));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void stackedEtcdEvenMembers_ignoresExternalEtcd() {
    EtcdTopology external =
        EtcdTopology.external()
            .addEndpoint("https://10.0.1.11:2379")
            .addEndpoint("https://10.0.1.12:2379")
            .addEndpoint("https://10.0.1.13:2379")
            .build();
    ClusterTopology topology =
        reference().withNodes(CP_1, CP_2, WORKER_1, WORKER_2).withEtcd(external);

    assertThat(findings(topology)).isEmpty();
  }

  // STACKED_ETCD_TOO_FEW_MEMBERS

  @Test
  void stackedEtcdTooFewMembers_warnsForOneBehindVip() {
    assertSingleFinding(
        reference().withNodes(CP_1, WORKER_1, WORKER_2),
        warning(
            "STACKED_ETCD_TOO_FEW_MEMBERS",
            "nodes",
            "the topology is built for high availability but has 1 control plane with stacked"
                + " etcd, so etcd stops when one control plane fails.",
            "use at least three control planes, the smallest stacked etcd that survives the loss"
                + " of one."));
  }

  @Test
  void stackedEtcdTooFewMembers_warnsForTwoBehindDnsName() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, CP_2, WORKER_1)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 6443));

    assertThat(findings(topology))
        .extracting(Finding::ruleId)
        .containsExactly("STACKED_ETCD_EVEN_MEMBERS", "STACKED_ETCD_TOO_FEW_MEMBERS");
    assertThat(findings(topology)).endsWith(TOO_FEW_FOR_TWO);
  }

  @Test
  void stackedEtcdTooFewMembers_acceptsOneWithoutVip() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, WORKER_1)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.dev.example.com", 6443));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void stackedEtcdTooFewMembers_ignoresExternalEtcd() {
    EtcdTopology external =
        EtcdTopology.external()
            .addEndpoint("https://10.0.1.11:2379")
            .addEndpoint("https://10.0.1.12:2379")
            .addEndpoint("https://10.0.1.13:2379")
            .build();

    assertThat(findings(reference().withNodes(CP_1, WORKER_1).withEtcd(external))).isEmpty();
  }

  // HA_ENDPOINT_MISSING

  @Test
  void haEndpointMissing_reportsNoEndpoint() {
    assertSingleFinding(
        reference().withApiEndpoint(ApiEndpointAccess.none()),
        error(
            "HA_ENDPOINT_MISSING",
            "apiEndpoint",
            "the topology has 3 control planes but no control plane endpoint; kubeadm cannot add"
                + " one after the cluster is created.",
            "set apiEndpoint(ApiEndpointAccess.haproxyKeepalived().virtualIp(...).build()) or"
                + " controlPlaneEndpoint(...) to the load balancer's address."));
  }

  @Test
  void haEndpointMissing_acceptsExternalLoadBalancerEndpoint() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 6443));

    assertThat(findings(topology)).isEmpty();
  }

  // SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT

  @Test
  void singleControlPlaneWithoutEndpoint_warns() {
    assertSingleFinding(
        reference().withNodes(CP_1, WORKER_1, WORKER_2).withApiEndpoint(ApiEndpointAccess.none()),
        new Finding(
            "SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT",
            Severity.WARNING,
            "controlPlaneEndpoint",
            "the single control plane has no control plane endpoint, so adding control planes"
                + " later needs new certificates.",
            "set controlPlaneEndpoint(...) to a DNS name that points at the control plane today"
                + " and at a load balancer later."));
  }

  @Test
  void singleControlPlaneWithoutEndpoint_acceptsDnsEndpoint() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, WORKER_1, WORKER_2)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.dev.example.com", 6443));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void singleControlPlaneWithoutEndpoint_acceptsLoadBalancer() {
    assertThat(findings(reference().withNodes(CP_1, WORKER_1, WORKER_2)))
        .extracting(Finding::ruleId)
        .containsExactly("STACKED_ETCD_TOO_FEW_MEMBERS");
  }

  // ENDPOINT_HOST_INVALID

  @Test
  void endpointHostInvalid_reportsUnderscore() {
    assertSingleFinding(
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("api_prod", 8443)),
        error(
            "ENDPOINT_HOST_INVALID",
            "controlPlaneEndpoint",
            "control plane endpoint host 'api_prod' is neither an IP address nor a DNS-1123"
                + " subdomain.",
            "use an IP address or a lowercase DNS name such as api.prod.example.com."));
  }

  @Test
  void endpointHostInvalid_acceptsIpLiteral() {
    ClusterTopology topology =
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("10.0.0.100", 8443));

    assertThat(findings(topology)).isEmpty();
  }

  // ENDPOINT_PORT_MISMATCH

  @Test
  void endpointPortMismatch_reportsPortBesideFrontend() {
    assertSingleFinding(
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 6443)),
        error(
            "ENDPOINT_PORT_MISMATCH",
            "controlPlaneEndpoint",
            "control plane endpoint port '6443' differs from haproxy frontend port '8443', the"
                + " port that serves the endpoint.",
            "set the endpoint port to 8443, or leave controlPlaneEndpoint unset to use the virtual"
                + " IP and frontend port."));
  }

  @Test
  void endpointPortMismatch_acceptsFrontendPortOnDnsName() {
    ClusterTopology topology =
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 8443));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void endpointPortMismatch_reportsPortWithoutLoadBalancer() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, WORKER_1)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.dev.example.com", 443));

    assertSingleFinding(
        topology,
        error(
            "ENDPOINT_PORT_MISMATCH",
            "controlPlaneEndpoint",
            "control plane endpoint port '443' differs from apiserver port '6443', and no load"
                + " balancer in the topology forwards one to the other.",
            "set the endpoint port to 6443 or apiServerPort(443); if a load balancer outside the"
                + " topology serves this port, suppress ENDPOINT_PORT_MISMATCH at"
                + " controlPlaneEndpoint with that reason."));
  }

  @Test
  void endpointPortMismatch_acceptsMovedApiserver() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, WORKER_1)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withApiServerPort(443)
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.dev.example.com", 443));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void endpointPortMismatch_suppressedForOutsideBalancer() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 443));
    TopologyValidator validator =
        TopologyValidator.standard().toBuilder()
            .suppress(
                "ENDPOINT_PORT_MISMATCH",
                "controlPlaneEndpoint",
                "the site load balancer listens on 443 and forwards to 6443")
            .build();

    assertThat(validator.validate(topology).findings()).isEmpty();
  }

  // LB_PORT_COLLIDES_WITH_APISERVER

  @Test
  void lbPortCollidesWithApiserver_reportsPort6443() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withFrontendPort(6443)),
        error(
            "LB_PORT_COLLIDES_WITH_APISERVER",
            "apiEndpoint.frontendPort",
            "haproxy frontend port '6443' equals the apiserver port on the same control planes, so"
                + " kubeadm's preflight check fails with the port in use.",
            "use another frontend port, such as 8443, or move the apiserver with"
                + " apiServerPort(...)."));
  }

  @Test
  void lbPortCollidesWithApiserver_reportsMovedApiserver() {
    assertSingleFinding(
        reference().withApiServerPort(8443),
        error(
            "LB_PORT_COLLIDES_WITH_APISERVER",
            "apiEndpoint.frontendPort",
            "haproxy frontend port '8443' equals the apiserver port on the same control planes, so"
                + " kubeadm's preflight check fails with the port in use.",
            "use another frontend port, such as 8443, or move the apiserver with"
                + " apiServerPort(...)."));
  }

  // VRRP_ROUTER_ID_RANGE

  @ParameterizedTest
  @ValueSource(ints = {0, 256, -1})
  void vrrpRouterIdRange_reportsOutOfRange(int routerId) {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withVirtualRouterId(routerId)),
        error(
            "VRRP_ROUTER_ID_RANGE",
            "apiEndpoint.virtualRouterId",
            "VRRP router id '" + routerId + "' is outside 1-255.",
            "choose an id within 1-255 that no other VRRP group on the network uses."));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 255})
  void vrrpRouterIdRange_acceptsBounds(int routerId) {
    ClusterTopology topology =
        reference().withApiEndpoint(loadBalancer().withVirtualRouterId(routerId));

    assertThat(findings(topology)).isEmpty();
  }

  // VIP_EQUALS_NODE_ADDRESS

  @Test
  void vipEqualsNodeAddress_reportsWorkerAddress() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("10.0.0.21"))),
        error(
            "VIP_EQUALS_NODE_ADDRESS",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.21' is the address of node 'worker-1'.",
            "choose a free address in the control planes' subnet for the virtual IP."));
  }

  @Test
  void vipEqualsNodeAddress_reportsControlPlaneAddress() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("10.0.0.12"))),
        error(
            "VIP_EQUALS_NODE_ADDRESS",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.12' is the address of node 'cp-2'.",
            "choose a free address in the control planes' subnet for the virtual IP."));
  }

  // VIP_OUTSIDE_NODE_SUBNET

  @Test
  void vipOutsideNodeSubnet_reportsOneControlPlane() {
    assertThat(findings(withNode("cp-3", Node.controlPlane("cp-3", "10.0.1.13/24"))))
        .containsExactly(
            error(
                "VIP_OUTSIDE_NODE_SUBNET",
                "apiEndpoint.virtualIp",
                "virtual IP '10.0.0.100' is outside subnet '10.0.1.0/24' of control plane 'cp-3',"
                    + " so that node cannot hold it.",
                "choose a virtual IP inside the subnet that all control planes share."),
            SPLIT_CP_3);
  }

  @Test
  void vipOutsideNodeSubnet_reportsNarrowerSubnetOnly() {
    assertSingleFinding(
        withNode("cp-3", Node.controlPlane("cp-3", "10.0.0.213/25")),
        error(
            "VIP_OUTSIDE_NODE_SUBNET",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.100' is outside subnet '10.0.0.128/25' of control plane 'cp-3', so"
                + " that node cannot hold it.",
            "choose a virtual IP inside the subnet that all control planes share."));
  }

  @Test
  void vipOutsideNodeSubnet_reportsEveryControlPlane() {
    ClusterTopology topology =
        reference().withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("10.0.1.100")));

    assertThat(findings(topology))
        .extracting(Finding::ruleId, Finding::message)
        .containsExactly(
            tuple(
                "VIP_OUTSIDE_NODE_SUBNET",
                "virtual IP '10.0.1.100' is outside subnet '10.0.0.0/24' of control plane 'cp-1',"
                    + " so that node cannot hold it."),
            tuple(
                "VIP_OUTSIDE_NODE_SUBNET",
                "virtual IP '10.0.1.100' is outside subnet '10.0.0.0/24' of control plane 'cp-2',"
                    + " so that node cannot hold it."),
            tuple(
                "VIP_OUTSIDE_NODE_SUBNET",
                "virtual IP '10.0.1.100' is outside subnet '10.0.0.0/24' of control plane 'cp-3',"
                    + " so that node cannot hold it."));
  }

  @Test
  void vipOutsideNodeSubnet_acceptsMixedPrefixes() {
    ClusterTopology topology =
        reference()
            .withNodes(
                CP_1,
                Node.controlPlane("cp-2", "10.0.7.12/16"),
                Node.controlPlane("cp-3", "10.0.0.13/20"),
                WORKER_1,
                WORKER_2);

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void vipOutsideNodeSubnet_ignoresWorkers() {
    ClusterTopology topology = withNode("worker-2", Node.worker("worker-2", "10.0.5.22/24"));

    assertThat(findings(topology)).isEmpty();
  }

  // VIP_IS_NETWORK_OR_BROADCAST

  @Test
  void vipIsNetworkOrBroadcast_reportsBroadcastAddress() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("10.0.0.255"))),
        error(
            "VIP_IS_NETWORK_OR_BROADCAST",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.255' is the network or broadcast address of subnet '10.0.0.0/24'.",
            "choose a host address inside the subnet."));
  }

  @Test
  void vipIsNetworkOrBroadcast_reportsNetworkAddress() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("10.0.0.0"))),
        error(
            "VIP_IS_NETWORK_OR_BROADCAST",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.0' is the network or broadcast address of subnet '10.0.0.0/24'.",
            "choose a host address inside the subnet."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "10.0.0.254"})
  void vipIsNetworkOrBroadcast_acceptsFirstAndLastHost(String vip) {
    ClusterTopology topology =
        reference().withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse(vip)));

    assertThat(findings(topology)).isEmpty();
  }

  // VRRP_INTERFACE_MISSING

  @Test
  void vrrpInterfaceMissing_reportsControlPlaneWithoutInterface() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(loadBalancer().withInterfaceName(Optional.empty()))
            .withNodes(
                CP_1.withInterfaceName("eth0"),
                CP_2.withInterfaceName("ens192"),
                CP_3,
                WORKER_1,
                WORKER_2);

    assertSingleFinding(
        topology,
        error(
            "VRRP_INTERFACE_MISSING",
            "nodes[cp-3].interfaceName",
            "control plane 'cp-3' names no network interface for keepalived.",
            "set interfaceName(\"eth0\") on the API endpoint, or on the node where its name"
                + " differs."));
  }

  @Test
  void vrrpInterfaceMissing_reportsEveryControlPlane() {
    ClusterTopology topology =
        reference().withApiEndpoint(loadBalancer().withInterfaceName(Optional.empty()));

    assertThat(findings(topology))
        .extracting(Finding::path)
        .containsExactly(
            "nodes[cp-1].interfaceName", "nodes[cp-2].interfaceName", "nodes[cp-3].interfaceName");
  }

  @Test
  void vrrpInterfaceMissing_ignoresWorkersWithoutInterface() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(loadBalancer().withInterfaceName(Optional.empty()))
            .withNodes(
                CP_1.withInterfaceName("eth0"),
                CP_2.withInterfaceName("eth0"),
                CP_3.withInterfaceName("eth0"),
                WORKER_1,
                WORKER_2);

    assertThat(findings(topology)).isEmpty();
  }

  // INTERFACE_NAME_INVALID

  @Test
  void interfaceNameInvalid_reportsSpaceOnEndpoint() {
    assertThat(findings(reference().withApiEndpoint(loadBalancer().withInterfaceName("eth 0"))))
        .containsExactly(
            error(
                "INTERFACE_NAME_INVALID",
                "apiEndpoint.interfaceName",
                "interface name 'eth 0' is not a Linux interface name.",
                "use the name 'ip link' shows: at most 15 letters, digits, '_', '.' and '-', such"
                    + " as eth0 or ens192."),
            error(
                "VALUE_UNSAFE_FOR_CONFIG",
                "apiEndpoint.interfaceName",
                "interface name 'eth 0' contains a space (U+0020), which can change the meaning of"
                    + " the files it is written into.",
                UNSAFE_VALUE_HINT));
  }

  @Test
  void interfaceNameInvalid_reportsSlashOnEndpoint() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withInterfaceName("eth/0")),
        error(
            "INTERFACE_NAME_INVALID",
            "apiEndpoint.interfaceName",
            "interface name 'eth/0' is not a Linux interface name.",
            "use the name 'ip link' shows: at most 15 letters, digits, '_', '.' and '-', such as"
                + " eth0 or ens192."));
  }

  @Test
  void interfaceNameInvalid_reportsSixteenCharactersOnNode() {
    assertSingleFinding(
        withNode("cp-2", CP_2.withInterfaceName("enp0s31f6-abcdef")),
        error(
            "INTERFACE_NAME_INVALID",
            "nodes[cp-2].interfaceName",
            "interface name 'enp0s31f6-abcdef' is not a Linux interface name.",
            "use the name 'ip link' shows: at most 15 letters, digits, '_', '.' and '-', such as"
                + " eth0 or ens192."));
  }

  @Test
  void interfaceNameInvalid_acceptsFifteenCharacters() {
    assertThat(findings(withNode("cp-2", CP_2.withInterfaceName("enp0s31f6-abcde")))).isEmpty();
  }

  // VRRP_ROUTER_ID_IN_USE

  @Test
  void vrrpRouterIdInUse_reportsListedId() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withVirtualRouterIdsInUse(51, 52, 60)),
        error(
            "VRRP_ROUTER_ID_IN_USE",
            "apiEndpoint.virtualRouterId",
            "VRRP router id '51' is already used by another VRRP group on the network, as"
                + " virtualRouterIdsInUse lists.",
            "choose an id within 1-255 that virtualRouterIdsInUse does not list, such as 53."));
  }

  @Test
  void vrrpRouterIdInUse_suggestionWrapsAround() {
    HaproxyKeepalived lb =
        loadBalancer().withVirtualRouterId(255).withVirtualRouterIdsInUse(255, 1, 2);

    assertThat(findings(reference().withApiEndpoint(lb)))
        .extracting(Finding::hint)
        .containsExactly(
            "choose an id within 1-255 that virtualRouterIdsInUse does not list, such as 3.");
  }

  @Test
  void vrrpRouterIdInUse_acceptsUnlistedId() {
    HaproxyKeepalived lb = loadBalancer().withVirtualRouterId(53).withVirtualRouterIdsInUse(51, 52);

    assertThat(findings(reference().withApiEndpoint(lb))).isEmpty();
  }

  // VRRP_MULTICAST_UNAVAILABLE

  @Test
  void vrrpMulticastUnavailable_reportsMulticastAdverts() {
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withMulticastAvailable(false)),
        error(
            "VRRP_MULTICAST_UNAVAILABLE",
            "apiEndpoint.unicast",
            "the network carries no multicast (multicastAvailable is false), but keepalived sends"
                + " VRRP adverts by multicast, so no control plane hears the others and each one"
                + " claims the virtual IP.",
            "set unicast(true), so that keepalived sends adverts to each control plane's"
                + " address."));
  }

  @Test
  void vrrpMulticastUnavailable_acceptsUnicast() {
    HaproxyKeepalived lb = loadBalancer().withMulticastAvailable(false).withUnicast(true);

    assertThat(findings(reference().withApiEndpoint(lb))).isEmpty();
  }

  // VRRP_UNICAST_PEERS_SPLIT_SUBNETS

  @Test
  void vrrpUnicastPeersSplitSubnets_warnsForOffLinkPeer() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(loadBalancer().withUnicast(true))
            .withNodes(
                CP_1,
                Node.controlPlane("cp-2", "10.0.7.12/16"),
                Node.controlPlane("cp-3", "10.0.0.13/20"),
                WORKER_1);

    assertSingleFinding(
        topology,
        warning(
            "VRRP_UNICAST_PEERS_SPLIT_SUBNETS",
            "apiEndpoint.unicast",
            "unicast VRRP peer 'cp-2' (10.0.7.12/16) lies outside subnet '10.0.0.0/24' of"
                + " control plane 'cp-1', so adverts between them cross a router.",
            "put the control planes in one subnet, or let every router and firewall between them"
                + " pass IP protocol 112 (VRRP)."));
  }

  @Test
  void vrrpUnicastPeersSplitSubnets_warnsForSplitHolders() {
    ClusterTopology topology =
        withNode("cp-3", Node.controlPlane("cp-3", "10.0.1.13/24"))
            .withApiEndpoint(loadBalancer().withUnicast(true));

    assertThat(findings(topology))
        .extracting(Finding::ruleId, Finding::message)
        .contains(
            tuple(
                "VRRP_UNICAST_PEERS_SPLIT_SUBNETS",
                "unicast VRRP peer 'cp-3' (10.0.1.13/24) lies outside subnet '10.0.0.0/24' of"
                    + " control plane 'cp-1', so adverts between them cross a router."));
  }

  @Test
  void vrrpUnicastPeersSplitSubnets_listsEveryOffLinkPeer() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(loadBalancer().withUnicast(true))
            .withNodes(
                CP_1,
                Node.controlPlane("cp-2", "10.0.7.12/16"),
                Node.controlPlane("cp-3", "10.0.9.13/16"),
                WORKER_1);

    assertThat(findings(topology))
        .extracting(Finding::message)
        .containsExactly(
            "unicast VRRP peers 'cp-2' (10.0.7.12/16), 'cp-3' (10.0.9.13/16) lie outside subnet"
                + " '10.0.0.0/24' of control plane 'cp-1', so adverts between them cross a"
                + " router.");
  }

  @Test
  void vrrpUnicastPeersSplitSubnets_acceptsOneSubnet() {
    assertThat(findings(reference().withApiEndpoint(loadBalancer().withUnicast(true)))).isEmpty();
  }

  @Test
  void vrrpUnicastPeersSplitSubnets_ignoresMulticast() {
    ClusterTopology topology =
        reference().withNodes(CP_1, Node.controlPlane("cp-2", "10.0.7.12/16"), CP_3, WORKER_1);

    assertThat(findings(topology)).isEmpty();
  }

  // VIP_HOLDERS_SPLIT_SUBNETS

  @Test
  void vipHoldersSplitSubnets_reportsOtherSubnet() {
    TopologyValidator validator =
        TopologyValidator.standard().toBuilder()
            .suppress("VIP_OUTSIDE_NODE_SUBNET", "the VIP is routed to the control planes")
            .build();

    List<Finding> findings =
        validator.validate(withNode("cp-3", Node.controlPlane("cp-3", "10.0.1.13/24"))).findings();

    assertThat(findings).containsExactly(SPLIT_CP_3);
  }

  @Test
  void vipHoldersSplitSubnets_reportsAgainstNarrowestSubnet() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("10.0.1.100")))
            .withNodes(
                Node.controlPlane("cp-1", "10.0.0.11/16"),
                Node.controlPlane("cp-2", "10.1.0.12/16"),
                Node.controlPlane("cp-3", "10.0.1.13/24"));

    assertThat(findings(topology))
        .filteredOn(finding -> finding.ruleId().equals("VIP_HOLDERS_SPLIT_SUBNETS"))
        .containsExactly(
            error(
                "VIP_HOLDERS_SPLIT_SUBNETS",
                "nodes[cp-2].address",
                "control plane 'cp-2' is in subnet '10.1.0.0/16', apart from subnet"
                    + " '10.0.1.0/24' of control plane 'cp-3'; every holder of the virtual IP"
                    + " must sit in one subnet, because keepalived announces it on the local link"
                    + " only.",
                "give every control plane an address in 10.0.1.0/24."));
  }

  @Test
  void vipHoldersSplitSubnets_ignoresWorkersElsewhere() {
    assertThat(findings(withNode("worker-2", Node.worker("worker-2", "10.0.5.22/24")))).isEmpty();
  }

  @Test
  void vipHoldersSplitSubnets_ignoresTopologyWithoutVip() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 6443))
            .withNodes(CP_1, CP_2, Node.controlPlane("cp-3", "10.0.1.13/24"));

    assertThat(findings(topology)).isEmpty();
  }

  // SUBNETS_OVERLAP

  private static Networking dualStack() {
    return Networking.builder()
        .podSubnet("10.244.0.0/16")
        .podSubnet("fd00:10:244::/56")
        .serviceSubnet("10.96.0.0/12")
        .serviceSubnet("fd00:10:96::/108")
        .build();
  }

  @Test
  void subnetsOverlap_reportsPodSubnetInsideServiceSubnet() {
    assertSingleFinding(
        reference().withNetworking(Networking.builder().podSubnet("10.96.0.0/16").build()),
        error(
            "SUBNETS_OVERLAP",
            "networking.podSubnets[0]",
            "pod subnet '10.96.0.0/16' overlaps service subnet '10.96.0.0/12'.",
            "choose ranges that do not overlap, such as 10.244.0.0/16 for pods and 10.96.0.0/12"
                + " for services."));
  }

  @Test
  void subnetsOverlap_reportsIpv6PodsOverServices() {
    Networking networking =
        dualStack().withPodSubnets(Cidr.parse("10.244.0.0/16"), Cidr.parse("fd00:10:96::/48"));

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "SUBNETS_OVERLAP",
            "networking.podSubnets[1]",
            "pod subnet 'fd00:10:96::/48' overlaps service subnet 'fd00:10:96::/108'.",
            "choose ranges that do not overlap, such as 10.244.0.0/16 for pods and 10.96.0.0/12"
                + " for services."));
  }

  @Test
  void subnetsOverlap_acceptsDualStackRanges() {
    assertThat(findings(reference().withNetworking(dualStack()))).isEmpty();
  }

  @Test
  void subnetsOverlap_reportsPodSubnetOverWorkerSubnet() {
    ClusterTopology topology =
        withNode("worker-2", Node.worker("worker-2", "192.168.50.22/24"))
            .withNetworking(Networking.builder().podSubnet("192.168.0.0/16").build());

    assertSingleFinding(
        topology,
        error(
            "SUBNETS_OVERLAP",
            "networking.podSubnets[0]",
            "pod subnet '192.168.0.0/16' overlaps node subnet '192.168.50.0/24' of node"
                + " 'worker-2', so traffic to those nodes would be routed into the cluster.",
            "choose a pod subnet outside every node subnet."));
  }

  @Test
  void subnetsOverlap_reportsPodSubnetOverCluster() {
    ClusterTopology topology =
        movedToSubnet("192.168.50.")
            .withNetworking(Networking.builder().podSubnet("192.168.0.0/16").build());

    assertThat(findings(topology))
        .containsExactly(
            error(
                "SUBNETS_OVERLAP",
                "networking.podSubnets[0]",
                "pod subnet '192.168.0.0/16' contains virtual IP '192.168.50.100'.",
                "choose a pod subnet that leaves out the virtual IP."),
            error(
                "SUBNETS_OVERLAP",
                "networking.podSubnets[0]",
                "pod subnet '192.168.0.0/16' overlaps node subnet '192.168.50.0/24' of node"
                    + " 'cp-1', so traffic to those nodes would be routed into the cluster.",
                "choose a pod subnet outside every node subnet."));
  }

  @Test
  void subnetsOverlap_reportsDefaultServiceSubnetOverNodes() {
    ClusterTopology topology = movedToSubnet("10.110.17.");

    assertThat(findings(topology))
        .containsExactly(
            error(
                "SUBNETS_OVERLAP",
                "networking.serviceSubnets[0]",
                "service subnet '10.96.0.0/12' contains virtual IP '10.110.17.100'.",
                "choose a service subnet that leaves out the virtual IP."),
            error(
                "SUBNETS_OVERLAP",
                "networking.serviceSubnets[0]",
                "service subnet '10.96.0.0/12' overlaps node subnet '10.110.17.0/24' of node"
                    + " 'cp-1', so traffic to those nodes would be routed into the cluster.",
                "choose a service subnet outside every node subnet."));
  }

  @Test
  void subnetsOverlap_reportsServiceSubnetOverEndpointAddress() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1, WORKER_1)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("10.96.0.1", 6443));

    assertSingleFinding(
        topology,
        error(
            "SUBNETS_OVERLAP",
            "networking.serviceSubnets[0]",
            "service subnet '10.96.0.0/12' contains control plane endpoint address '10.96.0.1'.",
            "choose a service subnet that leaves out the endpoint address."));
  }

  @Test
  void subnetsOverlap_reportsIpv6PodsOverEndpoint() {
    ClusterTopology topology =
        reference()
            .withNetworking(dualStack())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("fd00:10:244::100", 8443));

    assertSingleFinding(
        topology,
        error(
            "SUBNETS_OVERLAP",
            "networking.podSubnets[1]",
            "pod subnet 'fd00:10:244::/56' contains control plane endpoint address"
                + " 'fd00:10:244::100'.",
            "choose a pod subnet that leaves out the endpoint address."));
  }

  @Test
  void subnetsOverlap_reportsEndpointAtVipOnce() {
    ClusterTopology topology =
        movedToSubnet("10.110.17.")
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("10.110.17.100", 8443));

    assertThat(findings(topology))
        .extracting(Finding::message)
        .containsExactly(
            "service subnet '10.96.0.0/12' contains virtual IP '10.110.17.100'.",
            "service subnet '10.96.0.0/12' overlaps node subnet '10.110.17.0/24' of node 'cp-1',"
                + " so traffic to those nodes would be routed into the cluster.");
  }

  @Test
  void subnetsOverlap_acceptsEndpointAddressOutsideRanges() {
    ClusterTopology topology =
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("10.0.0.100", 8443));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void subnetsOverlap_acceptsNodesJustOutsideServiceSubnet() {
    assertThat(findings(movedToSubnet("10.112.0."))).isEmpty();
  }

  @Test
  void subnetsOverlap_ignoresOtherAddressFamily() {
    // ::a00:0/120 has the bits of 10.0.0.0/24 in its last 32 bits, but an IPv6 range never
    // contains an IPv4 node address.
    Networking networking =
        dualStack()
            .withPodSubnets(Cidr.parse("10.244.0.0/16"), Cidr.parse("::a00:0/120"))
            .withNodeCidrMaskSizeIpv6(124);

    assertThat(findings(reference().withNetworking(networking))).isEmpty();
  }

  // DNS_DOMAIN_INVALID

  @Test
  void dnsDomainInvalid_reportsUppercase() {
    assertSingleFinding(
        reference()
            .withNetworking(
                Networking.builder().podSubnet("10.244.0.0/16").dnsDomain("Cluster.Local").build()),
        error(
            "DNS_DOMAIN_INVALID",
            "networking.dnsDomain",
            "DNS domain 'Cluster.Local' is not a DNS-1123 subdomain.",
            "use lowercase labels separated by dots, such as cluster.local."));
  }

  @Test
  void dnsDomainInvalid_reportsEmptyLabel() {
    assertSingleFinding(
        reference()
            .withNetworking(
                Networking.builder()
                    .podSubnet("10.244.0.0/16")
                    .dnsDomain("cluster..local")
                    .build()),
        error(
            "DNS_DOMAIN_INVALID",
            "networking.dnsDomain",
            "DNS domain 'cluster..local' is not a DNS-1123 subdomain.",
            "use lowercase labels separated by dots, such as cluster.local."));
  }

  // CERT_SAN_INVALID

  @Test
  void certSanInvalid_reportsIndexOfInvalidName() {
    ClusterTopology topology =
        reference()
            .withExtraCertSans(
                "api.prod.example.com",
                "10.0.0.100",
                "fd00::100",
                "*.prod.example.com",
                "api_prod");

    assertSingleFinding(
        topology,
        error(
            "CERT_SAN_INVALID",
            "extraCertSans[4]",
            "certificate name 'api_prod' is neither an IP address nor a DNS name.",
            "use an IP address, a lowercase DNS name or a wildcard such as *.example.com."));
  }

  @Test
  void certSanInvalid_acceptsNamesAddressesAndWildcards() {
    ClusterTopology topology =
        reference()
            .withExtraCertSans("api.prod.example.com", "10.0.0.100", "fd00::100", "*.example.com");

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void certSanInvalid_reportsBareWildcard() {
    assertSingleFinding(
        reference().withExtraCertSans("*"),
        error(
            "CERT_SAN_INVALID",
            "extraCertSans[0]",
            "certificate name '*' is neither an IP address nor a DNS name.",
            "use an IP address, a lowercase DNS name or a wildcard such as *.example.com."));
  }

  // IMAGE_REFERENCE_INVALID

  @Test
  void imageReferenceInvalid_reportsSpaceInImage() {
    ImageSettings images =
        ImageSettings.defaults().withHaproxyImage("docker.io/library/haproxy:2.8.5 --privileged");

    assertThat(findings(reference().withImages(images)))
        .containsExactly(
            error(
                "IMAGE_REFERENCE_INVALID",
                "images.haproxyImage",
                "image reference 'docker.io/library/haproxy:2.8.5 --privileged' is malformed.",
                "use REGISTRY/PATH:TAG with lowercase path characters, such as"
                    + " docker.io/library/haproxy:2.8.5."),
            error(
                "VALUE_UNSAFE_FOR_CONFIG",
                "images.haproxyImage",
                "image reference 'docker.io/library/haproxy:2.8.5 --privileged' contains a space"
                    + " (U+0020), which can change the meaning of the files it is written into.",
                UNSAFE_VALUE_HINT));
  }

  @Test
  void imageReferenceInvalid_reportsUppercaseRepository() {
    ImageSettings images = ImageSettings.defaults().withImageRepository("Registry.k8s.io");

    assertSingleFinding(
        reference().withImages(images),
        error(
            "IMAGE_REFERENCE_INVALID",
            "images.imageRepository",
            "image reference 'Registry.k8s.io' is malformed.",
            "use REGISTRY/PATH:TAG with lowercase path characters, such as"
                + " docker.io/library/haproxy:2.8.5."));
  }

  @Test
  void imageReferenceInvalid_acceptsDigestAndRegistryPort() {
    ImageSettings images =
        ImageSettings.builder()
            .imageRepository("registry.internal:5000/k8s")
            .keepalivedImage("docker.io/osixia/keepalived@sha256:" + "0123456789abcdef".repeat(4))
            .build();

    assertThat(findings(reference().withImages(images))).isEmpty();
  }

  // SUBNET_FAMILY_REPEATED

  @Test
  void subnetFamilyRepeated_reportsSecondIpv4PodSubnet() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/16").podSubnet("10.245.0.0/16").build();

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "SUBNET_FAMILY_REPEATED",
            "networking.podSubnets[1]",
            "pod subnet '10.245.0.0/16' is a second IPv4 pod subnet after '10.244.0.0/16';"
                + " kubeadm accepts one subnet per address family.",
            "merge them into one range, and keep at most one IPv4 and one IPv6 pod subnet."));
  }

  @Test
  void subnetFamilyRepeated_reportsThirdServiceSubnet() {
    Networking networking =
        dualStack()
            .withServiceSubnets(
                Cidr.parse("10.96.0.0/12"),
                Cidr.parse("fd00:10:96::/108"),
                Cidr.parse("fd00:10:97::/108"));

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "SUBNET_FAMILY_REPEATED",
            "networking.serviceSubnets[2]",
            "service subnet 'fd00:10:97::/108' is a second IPv6 service subnet after"
                + " 'fd00:10:96::/108'; kubeadm accepts one subnet per address family.",
            "merge them into one range, and keep at most one IPv4 and one IPv6 service"
                + " subnet."));
  }

  @Test
  void subnetFamilyRepeated_acceptsOneSubnetPerFamily() {
    assertThat(findings(reference().withNetworking(dualStack()))).isEmpty();
  }

  // SUBNET_FAMILIES_MISMATCH

  private static final String FAMILIES_HINT =
      "give pods and services subnets of the same families, such as 10.244.0.0/16 and"
          + " fd00:10:244::/56 for pods with 10.96.0.0/12 and fd00:10:96::/108 for services.";

  @Test
  void subnetFamiliesMismatch_reportsDualStackPods() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/16").podSubnet("fd00:10:244::/56").build();

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "SUBNET_FAMILIES_MISMATCH",
            "networking",
            "pod subnets cover IPv4 and IPv6 but service subnets cover IPv4 only; pods and"
                + " services need the same address families, and a dual-stack cluster needs an"
                + " IPv4 and an IPv6 subnet in both.",
            FAMILIES_HINT));
  }

  @Test
  void subnetFamiliesMismatch_reportsDualStackServices() {
    Networking networking = dualStack().withPodSubnets(Cidr.parse("10.244.0.0/16"));

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "SUBNET_FAMILIES_MISMATCH",
            "networking",
            "pod subnets cover IPv4 only but service subnets cover IPv4 and IPv6; pods and"
                + " services need the same address families, and a dual-stack cluster needs an"
                + " IPv4 and an IPv6 subnet in both.",
            FAMILIES_HINT));
  }

  @Test
  void subnetFamiliesMismatch_reportsOppositeFamilies() {
    Networking networking = Networking.builder().podSubnet("fd00:10:244::/56").build();

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "SUBNET_FAMILIES_MISMATCH",
            "networking",
            "pod subnets cover IPv6 only but service subnets cover IPv4 only; pods and services"
                + " need the same address families, and a dual-stack cluster needs an IPv4 and"
                + " an IPv6 subnet in both.",
            FAMILIES_HINT));
  }

  @Test
  void subnetFamiliesMismatch_ignoresMissingPodSubnets() {
    Networking networking = dualStack().withPodSubnets(List.of());

    assertThat(findings(reference().withNetworking(networking))).isEmpty();
  }

  // SERVICE_SUBNET_SIZE

  private static ClusterTopology withServiceSubnet(String subnet) {
    return reference()
        .withNetworking(
            Networking.builder().podSubnet("10.244.0.0/16").serviceSubnet(subnet).build());
  }

  @Test
  void serviceSubnetSize_reportsIpv4LargerThanSlash12() {
    assertSingleFinding(
        withServiceSubnet("172.0.0.0/11"),
        error(
            "SERVICE_SUBNET_SIZE",
            "networking.serviceSubnets[0]",
            "service subnet '172.0.0.0/11' is larger than /12; kubeadm allows at most 20 host"
                + " bits in a service subnet.",
            "use a prefix from /12 to /28, such as 10.96.0.0/12."));
  }

  @Test
  void serviceSubnetSize_reportsIpv4SmallerThanSlash28() {
    assertSingleFinding(
        withServiceSubnet("10.96.0.0/29"),
        error(
            "SERVICE_SUBNET_SIZE",
            "networking.serviceSubnets[0]",
            "service subnet '10.96.0.0/29' holds 8 addresses; kubeadm needs at least 10, because"
                + " the cluster DNS service takes the tenth.",
            "use a prefix from /12 to /28, such as 10.96.0.0/12."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"172.16.0.0/12", "10.96.0.0/28"})
  void serviceSubnetSize_acceptsIpv4Bounds(String subnet) {
    assertThat(findings(withServiceSubnet(subnet))).isEmpty();
  }

  @Test
  void serviceSubnetSize_reportsIpv6LargerThanSlash108() {
    assertSingleFinding(
        inIpv6("fd00:10:244::/56", "fd00:10:96::/107"),
        error(
            "SERVICE_SUBNET_SIZE",
            "networking.serviceSubnets[0]",
            "service subnet 'fd00:10:96::/107' is larger than /108; kubeadm allows at most 20"
                + " host bits in a service subnet.",
            "use a prefix from /108 to /124, such as fd00:10:96::/108."));
  }

  @Test
  void serviceSubnetSize_reportsIpv6SmallerThanSlash124() {
    assertSingleFinding(
        inIpv6("fd00:10:244::/56", "fd00:10:96::/125"),
        error(
            "SERVICE_SUBNET_SIZE",
            "networking.serviceSubnets[0]",
            "service subnet 'fd00:10:96::/125' holds 8 addresses; kubeadm needs at least 10,"
                + " because the cluster DNS service takes the tenth.",
            "use a prefix from /108 to /124, such as fd00:10:96::/108."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fd00:10:96::/108", "fd00:10:96::/124"})
  void serviceSubnetSize_acceptsIpv6Bounds(String subnet) {
    assertThat(findings(inIpv6("fd00:10:244::/56", subnet))).isEmpty();
  }

  // POD_SUBNET_TOO_SMALL

  @Test
  void podSubnetTooSmall_reportsIpv4Slash29() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/29").nodeCidrMaskSizeIpv4(29).build();

    assertSingleFinding(
        reference().withNetworking(networking),
        error(
            "POD_SUBNET_TOO_SMALL",
            "networking.podSubnets[0]",
            "pod subnet '10.244.0.0/29' holds 8 addresses; kubeadm needs at least 14.",
            "use a prefix of /28 or shorter, such as 10.244.0.0/16."));
  }

  @Test
  void podSubnetTooSmall_acceptsIpv4Slash28() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/28").nodeCidrMaskSizeIpv4(28).build();

    assertThat(findings(reference().withNetworking(networking))).isEmpty();
  }

  @Test
  void podSubnetTooSmall_reportsIpv6Slash125() {
    Networking networking =
        Networking.builder()
            .podSubnet("fd00:10:244::/125")
            .serviceSubnet("fd00:10:96::/108")
            .nodeCidrMaskSizeIpv6(125)
            .build();

    assertSingleFinding(
        inIpv6(networking),
        error(
            "POD_SUBNET_TOO_SMALL",
            "networking.podSubnets[0]",
            "pod subnet 'fd00:10:244::/125' holds 8 addresses; kubeadm needs at least 14.",
            "use a prefix of /124 or shorter, such as fd00:10:244::/56."));
  }

  @Test
  void podSubnetTooSmall_acceptsIpv6Slash124() {
    Networking networking =
        Networking.builder()
            .podSubnet("fd00:10:244::/124")
            .serviceSubnet("fd00:10:96::/108")
            .nodeCidrMaskSizeIpv6(124)
            .build();

    assertThat(findings(inIpv6(networking))).isEmpty();
  }

  // POD_SUBNET_NODE_MASK

  @Test
  void podSubnetNodeMask_reportsSmallerThanNodeRange() {
    assertSingleFinding(
        reference().withNetworking(Networking.builder().podSubnet("10.244.0.0/25").build()),
        error(
            "POD_SUBNET_NODE_MASK",
            "networking.podSubnets[0]",
            "pod subnet '10.244.0.0/25' is smaller than the /24 range the controller manager"
                + " gives each node.",
            "use a pod subnet of /24 or larger, or set nodeCidrMaskSizeIpv4 to at least 25."));
  }

  @Test
  void podSubnetNodeMask_acceptsRaisedNodeMask() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/25").nodeCidrMaskSizeIpv4(25).build();

    assertThat(findings(reference().withNetworking(networking))).isEmpty();
  }

  @Test
  void podSubnetNodeMask_reportsSeventeenBitsAbove() {
    assertSingleFinding(
        reference().withNetworking(Networking.builder().podSubnet("32.0.0.0/7").build()),
        error(
            "POD_SUBNET_NODE_MASK",
            "networking.podSubnets[0]",
            "pod subnet '32.0.0.0/7' is 17 bits larger than the /24 range of each node; kubeadm"
                + " allows at most 16.",
            "use a pod subnet of /8 or smaller, or set nodeCidrMaskSizeIpv4 to at most 23."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"32.0.0.0/8", "10.244.0.0/24"})
  void podSubnetNodeMask_acceptsIpv4Bounds(String subnet) {
    assertThat(findings(reference().withNetworking(Networking.builder().podSubnet(subnet).build())))
        .isEmpty();
  }

  @Test
  void podSubnetNodeMask_reportsIpv6WithDefaultMask() {
    assertSingleFinding(
        inIpv6("fd01::/40", "fd00:10:96::/108"),
        error(
            "POD_SUBNET_NODE_MASK",
            "networking.podSubnets[0]",
            "pod subnet 'fd01::/40' is 24 bits larger than the /64 range of each node; kubeadm"
                + " allows at most 16.",
            "use a pod subnet of /48 or smaller, or set nodeCidrMaskSizeIpv6 to at most 56."));
  }

  @Test
  void podSubnetNodeMask_acceptsIpv6WithRaisedMask() {
    Networking networking =
        Networking.builder()
            .podSubnet("fd01::/40")
            .serviceSubnet("fd00:10:96::/108")
            .nodeCidrMaskSizeIpv6(56)
            .build();

    assertThat(findings(inIpv6(networking))).isEmpty();
  }

  // VRRP_PASSWORD_TOO_LONG

  @Test
  void vrrpPasswordTooLong_reportsNineCharacters() {
    String password = "k33pal1ve";

    List<Finding> findings =
        findings(withSecrets(ClusterSecrets.builder().vrrpPassword(password).build()));

    assertThat(findings)
        .containsExactly(
            error(
                "VRRP_PASSWORD_TOO_LONG",
                "secrets.vrrpPassword",
                "the VRRP password has 9 characters; keepalived uses only the first 8 and reports"
                    + " an error.",
                VRRP_PASSWORD_HINT));
    assertThat(findings.get(0).message()).doesNotContain(password);
    assertThat(findings.get(0).hint()).doesNotContain(password);
  }

  @Test
  void vrrpPasswordTooLong_acceptsEightCharacters() {
    ClusterTopology topology =
        withSecrets(ClusterSecrets.builder().vrrpPassword("k33pal1v").build());

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void vrrpPasswordTooLong_reportHidesValue() {
    String password = "k33pal1ve";
    ValidationReport report =
        TopologyValidator.standard()
            .validate(withSecrets(ClusterSecrets.builder().vrrpPassword(password).build()));

    assertThat(report.toText()).doesNotContain(password);
    assertThat(report.toJson()).doesNotContain(password);
  }

  // VRRP_PASSWORD_CHARACTERS

  @ParameterizedTest
  @ValueSource(
      strings = {
        "k33 pal1",
        "k33\"pal1",
        "k33'pal1",
        "k33pal\t1",
        "kéépal1",
        "k33#pal1",
        "k33!pal1",
        "k33$pal1",
        "k33{pal}",
        "k33\\pal1",
        "k33;pal1",
        "k33`pal1"
      })
  void vrrpPasswordCharacters_reportsWithoutValue(String password) {
    List<Finding> findings =
        findings(withSecrets(ClusterSecrets.builder().vrrpPassword(password).build()));

    assertThat(findings)
        .containsExactly(
            error(
                "VRRP_PASSWORD_CHARACTERS",
                "secrets.vrrpPassword",
                "the VRRP password contains a character that keepalived.conf cannot carry"
                    + " unchanged.",
                "use only letters, digits and . _ + = @ % , : / -, or leave it out to have one"
                    + " generated."));
    assertThat(findings.get(0).message()).doesNotContain(password);
    assertThat(findings.get(0).toString()).doesNotContain(password);
  }

  @ParameterizedTest
  @ValueSource(strings = {"._+=@%,:", "/-aZ09", "k33pal1v"})
  void vrrpPasswordCharacters_acceptsRenderedCharacters(String password) {
    ClusterTopology topology = withSecrets(ClusterSecrets.builder().vrrpPassword(password).build());

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void vrrpPasswordCharacters_reportsBesideLength() {
    ClusterTopology topology =
        withSecrets(ClusterSecrets.builder().vrrpPassword("k33 pal1ve").build());

    assertThat(findings(topology))
        .extracting(Finding::ruleId)
        .containsExactly("VRRP_PASSWORD_CHARACTERS", "VRRP_PASSWORD_TOO_LONG");
  }

  // BOOTSTRAP_TOKEN_INVALID

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ABCDEF.0123456789abcdef",
        "abcdef0123456789abcdef",
        "abcdef.0123456789abcde",
        "abcdef:0123456789abcdef",
        "abcdefg.0123456789abcdef"
      })
  void bootstrapTokenInvalid_reportsFormatWithoutValue(String token) {
    List<Finding> findings =
        findings(withSecrets(ClusterSecrets.builder().bootstrapToken(token).build()));

    assertThat(findings)
        .containsExactly(
            error(
                "BOOTSTRAP_TOKEN_INVALID",
                "secrets.bootstrapToken",
                "the bootstrap token does not match [a-z0-9]{6}.[a-z0-9]{16}.",
                "create one with 'kubeadm token generate', or leave it out to have one"
                    + " generated."));
    assertThat(findings.get(0).message()).doesNotContain(token);
    assertThat(findings.get(0).message()).doesNotContain("abcdef");
    assertThat(findings.get(0).hint()).doesNotContain("abcdef");
  }

  @Test
  void bootstrapTokenInvalid_acceptsKubeadmFormat() {
    ClusterTopology topology =
        withSecrets(ClusterSecrets.builder().bootstrapToken("abcdef.0123456789abcdef").build());

    assertThat(findings(topology)).isEmpty();
  }

  // CERTIFICATE_KEY_INVALID

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg"
      })
  void certificateKeyInvalid_reportsFormatWithoutValue(String key) {
    List<Finding> findings =
        findings(withSecrets(ClusterSecrets.builder().certificateKey(key).build()));

    assertThat(findings)
        .containsExactly(
            error(
                "CERTIFICATE_KEY_INVALID",
                "secrets.certificateKey",
                "the certificate key is not 64 hex characters (a 32-byte AES key).",
                "create one with 'kubeadm certs certificate-key', or leave it out to have one"
                    + " generated."));
    assertThat(findings.get(0).message()).doesNotContain(key);
    assertThat(findings.get(0).message()).doesNotContain("0123456789abcdef");
  }

  @Test
  void certificateKeyInvalid_acceptsSixtyFourHexCharacters() {
    ClusterTopology topology =
        withSecrets(
            ClusterSecrets.builder()
                .certificateKey("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .build());

    assertThat(findings(topology)).isEmpty();
  }

  // JOIN_CA_NOT_PINNED

  @Test
  void joinCaNotPinned_warnsWithoutClusterCa() {
    assertSingleFinding(
        reference().withSecrets(ClusterSecrets.none()),
        warning(
            "JOIN_CA_NOT_PINNED",
            "secrets.clusterCa",
            "the topology has no cluster CA, so joining nodes skip the CA check"
                + " (unsafeSkipCAVerification: true) and trust any server reachable at the"
                + " endpoint.",
            "create a CA, for example with 'kubeadm init phase certs ca', and give its ca.crt and"
                + " ca.key with ClusterSecrets.builder().clusterCa(certificatePem, privateKeyPem),"
                + " or as secrets.clusterCaCertificate and secrets.clusterCaKey in a topology"
                + " document; the joins then pin its public key in caCertHashes."));
  }

  @Test
  void joinCaNotPinned_ignoresClusterWithoutJoins() {
    ClusterTopology topology =
        reference()
            .withNodes(CP_1)
            .withApiEndpoint(ApiEndpointAccess.none())
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.dev.example.test", 6443))
            .withSecrets(ClusterSecrets.none());

    assertThat(findings(topology)).isEmpty();
  }

  // CLUSTER_CA_NOT_CA

  @Test
  void clusterCaNotCa_reportsLeafCertificate() {
    ClusterTopology topology =
        reference()
            .withSecrets(ClusterSecrets.builder().clusterCa(TestCas.leafCertificate()).build());

    assertSingleFinding(
        topology,
        error(
            "CLUSTER_CA_NOT_CA",
            "secrets.clusterCa",
            "the cluster CA certificate 'CN=not-a-ca' is not a CA certificate (its basic"
                + " constraints lack CA:TRUE), so kubeadm does not accept it as the cluster CA.",
            "give a CA certificate, such as the ca.crt that 'kubeadm init phase certs ca'"
                + " creates."));
  }

  // External etcd: the references

  @Test
  void externalReference_hasNoFindings() {
    assertThat(findings(externalReference())).isEmpty();
  }

  @Test
  void externalReference_inIpv6HasNoFindings() {
    ClusterTopology topology =
        withEtcdHosts(
            Node.etcd("etcd-1", "fd00:1::11/64"),
            Node.etcd("etcd-2", "fd00:1::12/64"),
            Node.etcd("etcd-3", "fd00:1::13/64"));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void unmanagedEtcd_withHttpsEndpointsHasNoFindings() {
    ClusterTopology topology =
        withUnmanagedEtcd(
            unmanagedEtcd(
                "https://10.0.1.11:2379",
                "https://[fd00:1::12]:2379",
                "https://etcd-3.example.com:2379"));

    assertThat(findings(topology)).isEmpty();
  }

  // EXTERNAL_ETCD_MEMBERS_MISSING

  @Test
  void externalEtcdMembersMissing_reportsNoHostsAndNoEndpoints() {
    assertSingleFinding(
        reference().withEtcd(EtcdTopology.external().build()),
        error(
            "EXTERNAL_ETCD_MEMBERS_MISSING",
            "etcd",
            "external etcd has no members: no node has Role.ETCD and etcd.endpoints is empty.",
            "add three etcd hosts with Node.etcd(name, address), or add the client URL of every"
                + " member of an etcd cluster managed elsewhere with addEndpoint(...)."));
  }

  // ETCD_HOSTS_WITH_STACKED_ETCD

  @Test
  void etcdHostsWithStackedEtcd_reportsEveryHost() {
    assertSingleFinding(
        externalReference().withEtcd(EtcdTopology.stacked()),
        error(
            "ETCD_HOSTS_WITH_STACKED_ETCD",
            "etcd",
            "nodes 'etcd-1', 'etcd-2', 'etcd-3' have Role.ETCD, but etcd is stacked on the"
                + " control planes, so no etcd member would run on them.",
            "set etcd(EtcdTopology.external().build()) to run the etcd cluster on these hosts, or"
                + " remove Role.ETCD from them."));
  }

  // EXTERNAL_ETCD_ENDPOINTS_WITH_HOSTS

  @Test
  void externalEtcdEndpointsWithHosts_reportsBoth() {
    ClusterTopology topology =
        externalReference().withEtcd(unmanagedEtcd("https://10.0.1.11:2379").build());

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_ENDPOINTS_WITH_HOSTS",
            "etcd.endpoints",
            "external etcd has both explicit endpoints and the etcd hosts 'etcd-1', 'etcd-2',"
                + " 'etcd-3'; the hosts form their own cluster, so an endpoint outside it reaches"
                + " another cluster.",
            "remove the endpoints to use the etcd hosts, whose client URLs become the endpoints,"
                + " or remove Role.ETCD from the hosts to use an etcd cluster managed"
                + " elsewhere."));
  }

  // ETCD_HOST_HAS_OTHER_ROLE

  @Test
  void etcdHostHasOtherRole_reportsWorkerRole() {
    Node etcdWorker = ETCD_3.withRoles(Role.ETCD, Role.WORKER);

    assertSingleFinding(
        withEtcdHosts(ETCD_1, ETCD_2, etcdWorker),
        error(
            "ETCD_HOST_HAS_OTHER_ROLE",
            "nodes[etcd-3].roles",
            "etcd host 'etcd-3' also has the roles [WORKER], but its kubelet is replaced by one"
                + " that runs the etcd static pod only.",
            "give the etcd member a host of its own, created with Node.etcd(name, address)."));
  }

  // EXTERNAL_ETCD_EVEN_MEMBERS and EXTERNAL_ETCD_TOO_FEW_MEMBERS

  @Test
  void externalEtcdEvenMembers_reportsFourHosts() {
    Node etcd4 = Node.etcd("etcd-4", "10.0.1.14/24");

    assertSingleFinding(
        withEtcdHosts(ETCD_1, ETCD_2, ETCD_3, etcd4),
        error(
            "EXTERNAL_ETCD_EVEN_MEMBERS",
            "etcd",
            "external etcd has 4 members; an even count tolerates no more failures than the odd"
                + " count below it, and two members lose quorum when either fails.",
            "use an odd number of etcd members, such as 5."));
  }

  @Test
  void externalEtcdEvenMembers_reportsTwoEndpointsAndWarns() {
    ClusterTopology topology =
        withUnmanagedEtcd(unmanagedEtcd("https://10.0.1.11:2379", "https://10.0.1.12:2379"));

    assertThat(findings(topology))
        .containsExactly(
            error(
                "EXTERNAL_ETCD_EVEN_MEMBERS",
                "etcd",
                "external etcd has 2 members; an even count tolerates no more failures than the"
                    + " odd count below it, and two members lose quorum when either fails.",
                "use an odd number of etcd members, such as 3."),
            warning(
                "EXTERNAL_ETCD_TOO_FEW_MEMBERS",
                "etcd",
                "external etcd has 2 members, so the loss of one member stops the cluster.",
                "use at least three etcd members, as the kubeadm HA guide does."));
  }

  @Test
  void externalEtcdTooFewMembers_warnsForOneHost() {
    assertSingleFinding(
        withEtcdHosts(ETCD_1),
        warning(
            "EXTERNAL_ETCD_TOO_FEW_MEMBERS",
            "etcd",
            "external etcd has 1 member, so the loss of one member stops the cluster.",
            "use at least three etcd members, as the kubeadm HA guide does."));
  }

  // ETCD_MEMBER_NAME_DUPLICATE

  @Test
  void etcdMemberNameDuplicate_reportsSecondHost() {
    Node twin = Node.etcd("etcd-1", "10.0.1.12/24");

    assertThat(findings(withEtcdHosts(ETCD_1, twin, ETCD_3)))
        .containsExactly(
            error(
                "ETCD_MEMBER_NAME_DUPLICATE",
                "nodes[etcd-1].name",
                "etcd member name 'etcd-1' is used by more than one etcd host, so"
                    + " --initial-cluster gives that member two peer URLs and etcd does not"
                    + " start.",
                "give every etcd host its own name."),
            error(
                "NODE_NAME_DUPLICATE",
                "nodes[etcd-1].name",
                "node name 'etcd-1' is used by more than one node.",
                "give every node its own name."));
  }

  // ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER

  @Test
  void etcdMemberNotInInitialCluster_reportsNameWithComma() {
    Node comma = Node.etcd("etcd,1", "10.0.1.11/24");

    assertThat(findings(withEtcdHosts(comma, ETCD_2, ETCD_3)))
        .containsExactly(
            error(
                "ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER",
                "nodes[etcd,1].name",
                "etcd member 'etcd,1' is not in --initial-cluster"
                    + " 'etcd,1=https://10.0.1.11:2380,etcd-2=https://10.0.1.12:2380,"
                    + "etcd-3=https://10.0.1.13:2380' with its peer URL https://10.0.1.11:2380,"
                    + " because etcd splits that list at ',' and '='.",
                "name the etcd host with lowercase letters, digits, '-' and '.' only, such as"
                    + " etcd-1."),
            error(
                "NODE_NAME_INVALID",
                "nodes[etcd,1].name",
                "node name 'etcd,1' is not a lowercase DNS-1123 subdomain.",
                "use lowercase letters, digits, '-' and '.', starting and ending with a letter or"
                    + " digit, such as cp-1."),
            error(
                "VALUE_UNSAFE_FOR_CONFIG",
                "nodes[etcd,1].name",
                "node name 'etcd,1' contains ',', which can change the meaning of the files it is"
                    + " written into.",
                SHELL_WORD_HINT));
  }

  @Test
  void etcdMemberNotInInitialCluster_reportsNameWithEqualsSign() {
    Node equals = Node.etcd("etcd=1", "10.0.1.11/24");

    List<String> ruleIds =
        findings(withEtcdHosts(equals, ETCD_2, ETCD_3)).stream().map(Finding::ruleId).toList();

    assertThat(ruleIds)
        .containsExactly(
            "ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER", "NODE_NAME_INVALID", "VALUE_UNSAFE_FOR_CONFIG");
  }

  // EXTERNAL_ETCD_ENDPOINT_INVALID

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.1.11:2379",
        "https://10.0.1.11",
        "https://fd00:1::11:2379",
        "https://10.0.1.11:2379/",
        "https://10.0.1.11:0",
        "https://10.0.1.11:65536",
        "https://ETCD.example.com:2379",
        "https://[10.0.1.11]:2379"
      })
  void externalEtcdEndpointInvalid_reportsMalformedUrl(String endpoint) {
    ClusterTopology topology =
        withUnmanagedEtcd(
            unmanagedEtcd("https://10.0.1.12:2379", endpoint, "https://10.0.1.13:2379"));

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_ENDPOINT_INVALID",
            "etcd.endpoints[1]",
            "etcd endpoint '" + endpoint + "' is not a URL of the form SCHEME://HOST:PORT.",
            "write each endpoint as https://HOST:PORT, such as https://10.0.1.11:2379, with an"
                + " IPv6 address in brackets."));
  }

  // EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS

  @Test
  void externalEtcdEndpointNotHttps_reportsHttpWithTlsFiles() {
    ClusterTopology topology =
        withUnmanagedEtcd(
            unmanagedEtcd(
                "https://10.0.1.11:2379", "http://10.0.1.12:2379", "https://10.0.1.13:2379"));

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS",
            "etcd.endpoints[1]",
            "etcd endpoint 'http://10.0.1.12:2379' uses http, but TLS files are given, and"
                + " kubeadm requires https then.",
            "use https, or call clearTlsFiles() for an etcd cluster that serves plain http."));
  }

  @Test
  void externalEtcdEndpointNotHttps_acceptsHttpWithoutTlsFiles() {
    ClusterTopology topology =
        withUnmanagedEtcd(
            unmanagedEtcd("http://10.0.1.11:2379", "http://10.0.1.12:2379", "http://10.0.1.13:2379")
                .clearTlsFiles());

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void externalEtcdEndpointNotHttps_reportsOtherScheme() {
    ClusterTopology topology =
        withUnmanagedEtcd(
            unmanagedEtcd("unix://etcd-1:2379", "http://10.0.1.12:2379", "http://10.0.1.13:2379")
                .clearTlsFiles());

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_ENDPOINT_NOT_HTTPS",
            "etcd.endpoints[0]",
            "etcd endpoint 'unix://etcd-1:2379' uses unix, which is neither https nor http.",
            "write each endpoint as https://HOST:PORT, such as https://10.0.1.11:2379, with an"
                + " IPv6 address in brackets."));
  }

  // EXTERNAL_ETCD_TLS_INCOMPLETE

  @Test
  void externalEtcdTlsIncomplete_reportsMissingKey() {
    ClusterTopology topology =
        externalReference().withEtcd(EtcdTopology.external().keyFile(Optional.empty()).build());

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_TLS_INCOMPLETE",
            "etcd",
            "external etcd gives only some of its TLS files: keyFile is missing, and the"
                + " apiservers need the CA, the client certificate and its key together.",
            "set caFile, certFile and keyFile, or call clearTlsFiles() for an etcd cluster that"
                + " serves plain http."));
  }

  @Test
  void externalEtcdTlsIncomplete_reportsCaAlone() {
    EtcdTopology.Builder etcd =
        unmanagedEtcd("https://10.0.1.11:2379", "https://10.0.1.12:2379", "https://10.0.1.13:2379")
            .clearTlsFiles()
            .caFile("/etc/etcd/ca.crt");

    assertSingleFinding(
        withUnmanagedEtcd(etcd),
        error(
            "EXTERNAL_ETCD_TLS_INCOMPLETE",
            "etcd",
            "external etcd gives only some of its TLS files: certFile, keyFile are missing, and"
                + " the apiservers need the CA, the client certificate and its key together.",
            "set caFile, certFile and keyFile, or call clearTlsFiles() for an etcd cluster that"
                + " serves plain http."));
  }

  @Test
  void externalEtcdTlsIncomplete_reportsEtcdHostsWithoutTls() {
    ClusterTopology topology =
        externalReference().withEtcd(EtcdTopology.external().clearTlsFiles().build());

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_TLS_INCOMPLETE",
            "etcd",
            "external etcd on the etcd hosts has no TLS files, but kubeadm runs those members"
                + " with --client-cert-auth=true, so the apiservers need the CA, a client"
                + " certificate and its key.",
            "remove clearTlsFiles(), so that the apiservers use kubeadm's etcd client certificate"
                + " paths."));
  }

  // EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE

  @Test
  void externalEtcdTlsPathNotAbsolute_reportsRelativeCaFile() {
    ClusterTopology topology =
        externalReference().withEtcd(EtcdTopology.external().caFile("pki/etcd/ca.crt").build());

    assertSingleFinding(
        topology,
        error(
            "EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE",
            "etcd.caFile",
            "etcd caFile 'pki/etcd/ca.crt' is not an absolute path.",
            "give the absolute path on the control planes, such as"
                + " /etc/kubernetes/pki/etcd/ca.crt."));
  }

  @Test
  void externalEtcdTlsPathNotAbsolute_acceptsOtherAbsolutePaths() {
    EtcdTopology etcd =
        EtcdTopology.external()
            .caFile("/etc/etcd/ca.crt")
            .certFile("/etc/etcd/client.crt")
            .keyFile("/etc/etcd/client.key")
            .build();

    assertThat(findings(externalReference().withEtcd(etcd))).isEmpty();
  }

  // VALUE_UNSAFE_FOR_CONFIG

  private static final String SHELL_WORD_HINT =
      "remove the character: node names and the endpoint host may not contain quotes, '\\', '#',"
          + " '!', '{', '}', ';', '$', '`', '&', '|', '<', '>', ',', '=', '*', '?', '[', ']', '(',"
          + " ')', '~', '/', whitespace or control characters.";

  private static Finding unsafe(String path, String message) {
    return error(
        "VALUE_UNSAFE_FOR_CONFIG",
        path,
        message + ", which can change the meaning of the files it is written into.",
        UNSAFE_VALUE_HINT);
  }

  /** Returns the finding for a node name or endpoint host, which the runbook puts into commands. */
  private static Finding unsafeShellWord(String path, String message) {
    return error(
        "VALUE_UNSAFE_FOR_CONFIG",
        path,
        message + ", which can change the meaning of the files it is written into.",
        SHELL_WORD_HINT);
  }

  private static List<Finding> unsafeFindings(ClusterTopology topology) {
    return findings(topology).stream()
        .filter(finding -> finding.ruleId().equals("VALUE_UNSAFE_FOR_CONFIG"))
        .toList();
  }

  @Test
  void valueUnsafeForConfig_reportsNodeNameLineFeed() {
    ClusterTopology topology =
        withNode("worker-1", Node.worker("worker-1\nserver x", "10.0.0.21/24"));

    assertThat(unsafeFindings(topology))
        .containsExactly(
            unsafeShellWord(
                "nodes[worker-1\\nserver x].name",
                "node name 'worker-1\\nserver x' contains a line feed (U+000A)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "?", "[", "]", "(", ")", "~", "/"})
  void valueUnsafeForConfig_reportsNodeNameShellCharacters(String character) {
    ClusterTopology topology =
        withNode("worker-1", Node.worker("worker" + character + "1", "10.0.0.21/24"));

    assertThat(unsafeFindings(topology))
        .containsExactly(
            unsafeShellWord(
                "nodes[worker" + character + "1].name",
                "node name 'worker" + character + "1' contains '" + character + "'"));
  }

  @Test
  void valueUnsafeForConfig_acceptsWildcardCertSan() {
    assertThat(unsafeFindings(reference().withExtraCertSans("*.prod.example.com"))).isEmpty();
  }

  @Test
  void valueUnsafeForConfig_reportsClusterNameSemicolon() {
    assertThat(unsafeFindings(reference().withName("prod;reboot")))
        .containsExactly(unsafe("name", "cluster name 'prod;reboot' contains ';'"));
  }

  @Test
  void valueUnsafeForConfig_reportsInterfaceHash() {
    assertThat(unsafeFindings(withNode("cp-2", CP_2.withInterfaceName("eth0#"))))
        .containsExactly(
            unsafe("nodes[cp-2].interfaceName", "interface name 'eth0#' contains '#'"));
  }

  @Test
  void valueUnsafeForConfig_reportsCriSocketCarriageReturn() {
    Node node = WORKER_1.withCriSocket("unix:///run/containerd/containerd.sock\r");

    assertThat(unsafeFindings(withNode("worker-1", node)))
        .containsExactly(
            unsafe(
                "nodes[worker-1].criSocket",
                "CRI socket 'unix:///run/containerd/containerd.sock\\r' contains a carriage return"
                    + " (U+000D)"));
  }

  @Test
  void valueUnsafeForConfig_reportsLabelKeyAndValue() {
    Node node = WORKER_1.withLabels(Map.of("zone{", "eu-1a", "rack", "r1,node-role=x"));

    assertThat(unsafeFindings(withNode("worker-1", node)))
        .containsExactlyInAnyOrder(
            unsafe("nodes[worker-1].labels", "label key 'zone{' contains '{'"),
            unsafe("nodes[worker-1].labels", "label value 'r1,node-role=x' contains ','"));
  }

  @Test
  void valueUnsafeForConfig_reportsEndpointBackquote() {
    ClusterTopology topology =
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("api`id`", 8443));

    assertThat(unsafeFindings(topology))
        .containsExactly(
            unsafeShellWord(
                "controlPlaneEndpoint",
                "control plane endpoint host 'api`id`' contains a backquote"));
  }

  @Test
  void valueUnsafeForConfig_reportsEndpointSlash() {
    ClusterTopology topology =
        reference().withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.example.com/x", 8443));

    assertThat(unsafeFindings(topology))
        .containsExactly(
            unsafeShellWord(
                "controlPlaneEndpoint",
                "control plane endpoint host 'api.example.com/x' contains '/'"));
  }

  @Test
  void valueUnsafeForConfig_reportsCertSanQuote() {
    ClusterTopology topology = reference().withExtraCertSans("api.example.com", "api\"x");

    assertThat(unsafeFindings(topology))
        .containsExactly(
            unsafe("extraCertSans[1]", "certificate name 'api\"x' contains a double quote"));
  }

  @Test
  void valueUnsafeForConfig_reportsDnsDomainSeparator() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/16").dnsDomain("cluster.local\u2028x").build();

    assertThat(unsafeFindings(reference().withNetworking(networking)))
        .containsExactly(
            unsafe(
                "networking.dnsDomain",
                "DNS domain 'cluster.local\\u2028x' contains the whitespace character U+2028"));
  }

  @Test
  void valueUnsafeForConfig_reportsImages() {
    ImageSettings images =
        ImageSettings.builder()
            .imageRepository("registry.k8s.io>x")
            .haproxyImage("docker.io/library/haproxy:2.8.5\u202e")
            .keepalivedImage("docker.io/osixia/keepalived:2.0.20|x")
            .build();

    assertThat(unsafeFindings(reference().withImages(images)))
        .containsExactly(
            unsafe(
                "images.haproxyImage",
                "image reference 'docker.io/library/haproxy:2.8.5\\u202E' contains the invisible"
                    + " format character U+202E"),
            unsafe("images.imageRepository", "image repository 'registry.k8s.io>x' contains '>'"),
            unsafe(
                "images.keepalivedImage",
                "image reference 'docker.io/osixia/keepalived:2.0.20|x' contains '|'"));
  }

  @Test
  void valueUnsafeForConfig_reportsEndpointInterfaceSpace() {
    assertThat(
            unsafeFindings(reference().withApiEndpoint(loadBalancer().withInterfaceName("eth0 "))))
        .containsExactly(
            unsafe(
                "apiEndpoint.interfaceName", "interface name 'eth0 ' contains a space (U+0020)"));
  }

  @Test
  void valueUnsafeForConfig_reportsExternalEtcdValues() {
    EtcdTopology etcd =
        EtcdTopology.external()
            .addEndpoint("https://10.0.1.11:2379")
            .addEndpoint("https://10.0.1.12:2379,https://203.0.113.9:2379")
            .caFile("/etc/kubernetes/pki/etcd/ca.crt\u0000")
            .certFile("/etc/kubernetes/pki/client.crt&")
            .keyFile("/etc/kubernetes/pki/client'.key")
            .build();

    assertThat(unsafeFindings(reference().withEtcd(etcd)))
        .containsExactly(
            unsafe(
                "etcd.caFile",
                "etcd CA file '/etc/kubernetes/pki/etcd/ca.crt\\u0000' contains the control"
                    + " character U+0000"),
            unsafe(
                "etcd.certFile",
                "etcd certificate file '/etc/kubernetes/pki/client.crt&'" + " contains '&'"),
            unsafe(
                "etcd.endpoints[1]",
                "etcd endpoint 'https://10.0.1.12:2379,https://203.0.113.9:2379' contains ','"),
            unsafe(
                "etcd.keyFile",
                "etcd key file '/etc/kubernetes/pki/client'.key' contains a single quote"));
  }

  @Test
  void valueUnsafeForConfig_reportsBackslashAndBang() {
    ClusterTopology topology =
        withNode("cp-2", CP_2.withInterfaceName("eth!0")).withExtraCertSans("api\\x");

    assertThat(unsafeFindings(topology))
        .containsExactly(
            unsafe("extraCertSans[0]", "certificate name 'api\\x' contains a backslash"),
            unsafe("nodes[cp-2].interfaceName", "interface name 'eth!0' contains '!'"));
  }

  @Test
  void valueUnsafeForConfig_acceptsSafeValues() {
    Node labelled =
        WORKER_1
            .withInterfaceName("ens192.100")
            .withCriSocket("unix:///var/run/crio/crio.sock")
            .withLabels(Map.of("topology.kubernetes.io/zone", "eu-1a", "node.example.com/gpu", ""));
    EtcdTopology etcd =
        EtcdTopology.external()
            .addEndpoint("https://10.0.1.11:2379")
            .addEndpoint("https://[fd00::1:12]:2379")
            .addEndpoint("https://etcd-3.example.com:2379")
            .caFile("/etc/kubernetes/pki/etcd/ca.crt")
            .certFile("/etc/kubernetes/pki/apiserver-etcd-client.crt")
            .keyFile("/etc/kubernetes/pki/apiserver-etcd-client.key")
            .build();
    ImageSettings images =
        ImageSettings.builder()
            .imageRepository("registry.internal:5000/k8s")
            .keepalivedImage("docker.io/osixia/keepalived@sha256:" + "0123456789abcdef".repeat(4))
            .build();
    ClusterTopology topology =
        withNode("worker-1", labelled)
            .withControlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 8443))
            .withExtraCertSans("*.prod.example.com", "fd00::100", "10.0.0.100")
            .withImages(images)
            .withEtcd(etcd);

    assertThat(findings(topology)).isEmpty();
  }

  // Other access kinds: the nearest valid topology of each

  @Test
  void dedicatedHosts_haveNoFindings() {
    assertThat(findings(dedicatedHosts())).isEmpty();
  }

  @Test
  void osServices_haveNoFindings() {
    ClusterTopology topology =
        reference().withApiEndpoint(loadBalancer().withPlacement(Placement.OS_SERVICES));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void kubeVip_hasNoFindings() {
    assertThat(findings(reference().withApiEndpoint(kubeVip()))).isEmpty();
  }

  @Test
  void externalLoadBalancer_hasNoFindings() {
    assertThat(findings(reference().withApiEndpoint(externalLoadBalancer()))).isEmpty();
  }

  @Test
  void workerLocalProxy_fitsEveryKind() {
    List<ApiEndpointAccess> kinds =
        List.of(
            loadBalancer().withWorkerLocalProxyPort(6443),
            kubeVip().withWorkerLocalProxyPort(6443),
            externalLoadBalancer().withWorkerLocalProxyPort(6443));

    for (ApiEndpointAccess access : kinds) {
      assertThat(findings(reference().withApiEndpoint(access))).as(access.kind().name()).isEmpty();
    }
  }

  // LB_PORT_COLLIDES_WITH_APISERVER across placements

  @Test
  void lbPortCollidesWithApiserver_reportsOsServices() {
    assertSingleFinding(
        reference()
            .withApiEndpoint(
                loadBalancer().withPlacement(Placement.OS_SERVICES).withFrontendPort(6443)),
        error(
            "LB_PORT_COLLIDES_WITH_APISERVER",
            "apiEndpoint.frontendPort",
            "haproxy frontend port '6443' equals the apiserver port on the same control planes, so"
                + " kubeadm's preflight check fails with the port in use.",
            "use another frontend port, such as 8443, or move the apiserver with"
                + " apiServerPort(...)."));
  }

  @Test
  void lbPortCollidesWithApiserver_acceptsLoadBalancerHosts() {
    HaproxyKeepalived lb = (HaproxyKeepalived) dedicatedHosts().apiEndpoint();

    assertThat(lb.frontendPort()).isEqualTo(6443);
    assertThat(findings(dedicatedHosts())).isEmpty();
  }

  // LOAD_BALANCER_ROLE_UNUSED

  @Test
  void loadBalancerRoleUnused_reportsStaticPods() {
    ClusterTopology topology = dedicatedHosts().withApiEndpoint(loadBalancer());

    assertThat(findings(topology))
        .containsExactly(
            error(
                "LOAD_BALANCER_ROLE_UNUSED",
                "nodes[lb-1].roles",
                "node 'lb-1' has role LOAD_BALANCER, but API endpoint access HAPROXY_KEEPALIVED"
                    + " with placement STATIC_PODS runs nothing on load-balancer hosts.",
                "use ApiEndpointAccess.haproxyKeepalived().placement(Placement.LOAD_BALANCER_HOSTS),"
                    + " or remove the role."),
            error(
                "LOAD_BALANCER_ROLE_UNUSED",
                "nodes[lb-2].roles",
                "node 'lb-2' has role LOAD_BALANCER, but API endpoint access HAPROXY_KEEPALIVED"
                    + " with placement STATIC_PODS runs nothing on load-balancer hosts.",
                "use ApiEndpointAccess.haproxyKeepalived().placement(Placement.LOAD_BALANCER_HOSTS),"
                    + " or remove the role."));
  }

  @Test
  void loadBalancerRoleUnused_reportsKubeVip() {
    assertSingleFinding(
        reference().withNodes(CP_1, CP_2, CP_3, WORKER_1, LB_1).withApiEndpoint(kubeVip()),
        error(
            "LOAD_BALANCER_ROLE_UNUSED",
            "nodes[lb-1].roles",
            "node 'lb-1' has role LOAD_BALANCER, but API endpoint access KUBE_VIP runs nothing on"
                + " load-balancer hosts.",
            "use ApiEndpointAccess.haproxyKeepalived().placement(Placement.LOAD_BALANCER_HOSTS),"
                + " or remove the role."));
  }

  // LOAD_BALANCER_HOSTS_MISSING

  @Test
  void loadBalancerHostsMissing_reportsNoHost() {
    ClusterTopology topology =
        reference().withApiEndpoint(loadBalancer().withPlacement(Placement.LOAD_BALANCER_HOSTS));

    assertSingleFinding(
        topology,
        error(
            "LOAD_BALANCER_HOSTS_MISSING",
            "apiEndpoint.placement",
            "placement LOAD_BALANCER_HOSTS needs nodes with role LOAD_BALANCER, but the topology"
                + " has none, so no node would hold the virtual IP.",
            "add two or more nodes with Role.LOAD_BALANCER, or choose placement STATIC_PODS or"
                + " OS_SERVICES."));
  }

  // LOAD_BALANCER_HOSTS_TOO_FEW

  @Test
  void loadBalancerHostsTooFew_warnsSingleHost() {
    assertSingleFinding(
        dedicatedHosts().withNodes(CP_1, CP_2, CP_3, WORKER_1, WORKER_2, LB_1),
        new Finding(
            "LOAD_BALANCER_HOSTS_TOO_FEW",
            Severity.WARNING,
            "nodes",
            "load-balancer host 'lb-1' is the only one, so the endpoint fails when that host"
                + " fails.",
            "add a second node with Role.LOAD_BALANCER in the same subnet."));
  }

  // LOAD_BALANCER_HOST_NOT_DEDICATED

  @Test
  void loadBalancerHostNotDedicated_reportsWorkerRole() {
    Node lbWorker = Node.builder().from(LB_2).addRole(Role.WORKER).build();

    assertSingleFinding(
        dedicatedHosts().withNodes(CP_1, CP_2, CP_3, WORKER_1, LB_1, lbWorker),
        error(
            "LOAD_BALANCER_HOST_NOT_DEDICATED",
            "nodes[lb-2].roles",
            "load-balancer host 'lb-2' also has roles [WORKER], but a load-balancer host runs only"
                + " haproxy and keepalived, whose frontend may take the apiserver port there.",
            "give haproxy and keepalived their own nodes, or choose placement OS_SERVICES to run"
                + " them on the control planes."));
  }

  // VIP rules on load-balancer hosts and with kube-vip

  @Test
  void vipOutsideNodeSubnet_reportsLoadBalancerHost() {
    ClusterTopology topology =
        dedicatedHosts()
            .withNodes(
                CP_1,
                CP_2,
                CP_3,
                WORKER_1,
                WORKER_2,
                LB_1,
                loadBalancerHost("lb-2", "10.0.1.32/24"));

    assertSingleFinding(
        topology,
        error(
            "VIP_OUTSIDE_NODE_SUBNET",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.100' is outside subnet '10.0.1.0/24' of load-balancer host 'lb-2',"
                + " so that node cannot hold it.",
            "choose a virtual IP inside the subnet that all load-balancer hosts share."));
  }

  @Test
  void vipOutsideNodeSubnet_ignoresBackendControlPlanes() {
    ClusterTopology topology =
        dedicatedHosts()
            .withNodes(
                Node.controlPlane("cp-1", "10.0.5.11/24"),
                Node.controlPlane("cp-2", "10.0.5.12/24"),
                Node.controlPlane("cp-3", "10.0.5.13/24"),
                WORKER_1,
                LB_1,
                LB_2);

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void vipOutsideNodeSubnet_reportsKubeVip() {
    ClusterTopology topology =
        withNode("cp-3", Node.controlPlane("cp-3", "10.0.1.13/24")).withApiEndpoint(kubeVip());

    assertSingleFinding(
        topology,
        error(
            "VIP_OUTSIDE_NODE_SUBNET",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.100' is outside subnet '10.0.1.0/24' of control plane 'cp-3', so"
                + " that node cannot hold it.",
            "choose a virtual IP inside the subnet that all control planes share."));
  }

  @Test
  void vipEqualsNodeAddress_reportsKubeVip() {
    assertSingleFinding(
        reference().withApiEndpoint(kubeVip().withVirtualIp(IpAddress.parse("10.0.0.13"))),
        error(
            "VIP_EQUALS_NODE_ADDRESS",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.13' is the address of node 'cp-3'.",
            "choose a free address in the control planes' subnet for the virtual IP."));
  }

  @Test
  void vipEqualsNodeAddress_reportsLoadBalancerHost() {
    HaproxyKeepalived lb = (HaproxyKeepalived) dedicatedHosts().apiEndpoint();

    assertSingleFinding(
        dedicatedHosts().withApiEndpoint(lb.withVirtualIp(IpAddress.parse("10.0.0.31"))),
        error(
            "VIP_EQUALS_NODE_ADDRESS",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.31' is the address of node 'lb-1'.",
            "choose a free address in the load-balancer hosts' subnet for the virtual IP."));
  }

  @Test
  void vipIsNetworkOrBroadcast_reportsKubeVip() {
    assertSingleFinding(
        reference().withApiEndpoint(kubeVip().withVirtualIp(IpAddress.parse("10.0.0.255"))),
        error(
            "VIP_IS_NETWORK_OR_BROADCAST",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.255' is the network or broadcast address of subnet '10.0.0.0/24'.",
            "choose a host address inside the subnet."));
  }

  @Test
  void vrrpInterfaceMissing_reportsLoadBalancerHost() {
    HaproxyKeepalived lb = (HaproxyKeepalived) dedicatedHosts().apiEndpoint();
    ClusterTopology topology =
        dedicatedHosts()
            .withApiEndpoint(lb.withInterfaceName(Optional.empty()))
            .withNodes(CP_1, CP_2, CP_3, WORKER_1, LB_1.withInterfaceName("eth0"), LB_2);

    assertSingleFinding(
        topology,
        error(
            "VRRP_INTERFACE_MISSING",
            "nodes[lb-2].interfaceName",
            "load-balancer host 'lb-2' names no network interface for keepalived.",
            "set interfaceName(\"eth0\") on the API endpoint, or on the node where its name"
                + " differs."));
  }

  @Test
  void vrrpInterfaceMissing_reportsKubeVip() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(kubeVip().withInterfaceName(Optional.empty()))
            .withNodes(
                CP_1.withInterfaceName("eth0"),
                CP_2.withInterfaceName("eth0"),
                CP_3,
                WORKER_1,
                WORKER_2);

    assertSingleFinding(
        topology,
        error(
            "VRRP_INTERFACE_MISSING",
            "nodes[cp-3].interfaceName",
            "control plane 'cp-3' names no network interface for kube-vip.",
            "set interfaceName(\"eth0\") on the API endpoint, or on the node where its name"
                + " differs."));
  }

  @Test
  void vrrpInterfaceMissing_ignoresExternalLoadBalancer() {
    ClusterTopology topology = reference().withApiEndpoint(externalLoadBalancer());

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void subnetsOverlap_reportsKubeVipAddress() {
    ClusterTopology topology =
        reference()
            .withApiEndpoint(kubeVip())
            .withNetworking(
                Networking.builder()
                    .podSubnet("10.244.0.0/16")
                    .serviceSubnet("10.0.0.96/28")
                    .build());

    assertThat(findings(topology))
        .extracting(Finding::ruleId, Finding::message)
        .contains(
            tuple(
                "SUBNETS_OVERLAP",
                "service subnet '10.0.0.96/28' contains virtual IP '10.0.0.100'."));
  }

  @Test
  void imageReferenceInvalid_reportsKubeVipImage() {
    ImageSettings images = ImageSettings.defaults().withKubeVipImage("ghcr.io/kube-vip/kube vip");

    assertSingleFinding(
        reference().withImages(images),
        error(
            "IMAGE_REFERENCE_INVALID",
            "images.kubeVipImage",
            "image reference 'ghcr.io/kube-vip/kube vip' is malformed.",
            "use REGISTRY/PATH:TAG with lowercase path characters, such as"
                + " docker.io/library/haproxy:2.8.5."));
  }

  // KUBE_VIP_LEASE_TIMING

  @Test
  void kubeVipLeaseTiming_reportsShortLease() {
    KubeVip timing = kubeVip().withLeaseDurationSeconds(3).withRenewDeadlineSeconds(3);

    assertSingleFinding(
        reference().withApiEndpoint(timing),
        error(
            "KUBE_VIP_LEASE_TIMING",
            "apiEndpoint.leaseDurationSeconds",
            "kube-vip lease duration '3' s is not longer than the renew deadline '3' s, so"
                + " client-go's leader election refuses to start and kube-vip never announces the"
                + " virtual IP.",
            "make leaseDurationSeconds longer than renewDeadlineSeconds, such as 5 and 3."));
  }

  @Test
  void kubeVipLeaseTiming_reportsJitterBoundary() {
    KubeVip timing =
        kubeVip().withLeaseDurationSeconds(7).withRenewDeadlineSeconds(6).withRetryPeriodSeconds(5);

    assertSingleFinding(
        reference().withApiEndpoint(timing),
        error(
            "KUBE_VIP_LEASE_TIMING",
            "apiEndpoint.renewDeadlineSeconds",
            "kube-vip renew deadline '6' s is not longer than 1.2 x the retry period '5' s, so"
                + " client-go's leader election refuses to start and kube-vip never announces the"
                + " virtual IP.",
            "make renewDeadlineSeconds longer than 1.2 x retryPeriodSeconds, such as 3 and 1."));
  }

  @Test
  void kubeVipLeaseTiming_reportsBothOrderings() {
    KubeVip timing =
        kubeVip().withLeaseDurationSeconds(2).withRenewDeadlineSeconds(2).withRetryPeriodSeconds(2);

    assertThat(findings(reference().withApiEndpoint(timing)))
        .extracting(Finding::path)
        .containsExactly("apiEndpoint.leaseDurationSeconds", "apiEndpoint.renewDeadlineSeconds");
  }

  @Test
  void kubeVipLeaseTiming_acceptsJustAboveJitter() {
    KubeVip timing =
        kubeVip().withLeaseDurationSeconds(7).withRenewDeadlineSeconds(6).withRetryPeriodSeconds(4);

    assertThat(findings(reference().withApiEndpoint(timing))).isEmpty();
  }

  @Test
  void kubeVipLeaseTiming_acceptsKubernetesDefaults() {
    KubeVip timing =
        kubeVip()
            .withLeaseDurationSeconds(15)
            .withRenewDeadlineSeconds(10)
            .withRetryPeriodSeconds(2);

    assertThat(findings(reference().withApiEndpoint(timing))).isEmpty();
  }

  // EXTERNAL_LB_TLS_TERMINATION

  @Test
  void externalLbTlsTermination_reportsTermination() {
    ExternalLoadBalancer terminating =
        externalLoadBalancer().withTlsMode(ExternalLoadBalancer.TlsMode.TERMINATION);

    assertSingleFinding(
        reference().withApiEndpoint(terminating),
        error(
            "EXTERNAL_LB_TLS_TERMINATION",
            "apiEndpoint.tlsMode",
            "external load balancer 'api.prod.example.com' terminates TLS, so the client"
                + " certificates that kubelets and kubeadm's kubeconfigs authenticate with never"
                + " reach the apiservers.",
            "configure the load balancer for TCP passthrough and set"
                + " tlsMode(TlsMode.PASSTHROUGH)."));
  }

  @Test
  void externalLbTlsTermination_acceptsIpv6Passthrough() {
    ExternalLoadBalancer byAddress =
        externalLoadBalancer()
            .withHost("fd00::100")
            .withTlsMode(ExternalLoadBalancer.TlsMode.PASSTHROUGH);

    assertThat(findings(reference().withApiEndpoint(byAddress))).isEmpty();
  }

  @Test
  void endpointHostInvalid_reportsExternalHost() {
    assertSingleFinding(
        reference().withApiEndpoint(externalLoadBalancer().withHost("api_prod")),
        error(
            "ENDPOINT_HOST_INVALID",
            "apiEndpoint.host",
            "external load balancer host 'api_prod' is neither an IP address nor a DNS-1123"
                + " subdomain.",
            "use an IP address or a lowercase DNS name such as api.prod.example.com."));
  }

  // WORKER_PROXY_PORT_IN_USE

  @ParameterizedTest
  @ValueSource(ints = {10248, 10249, 10250, 10256})
  void workerProxyPortInUse_reportsNodePorts(int port) {
    Map<Integer, String> owners =
        Map.of(
            10248, "kubelet's health check",
            10249, "kube-proxy's metrics",
            10250, "kubelet's API",
            10256, "kube-proxy's health check");

    assertSingleFinding(
        reference().withApiEndpoint(kubeVip().withWorkerLocalProxyPort(port)),
        error(
            "WORKER_PROXY_PORT_IN_USE",
            "apiEndpoint.workerLocalProxyPort",
            "worker local proxy port '"
                + port
                + "' is the port of "
                + owners.get(port)
                + " on every worker, so haproxy cannot bind it.",
            "use another port, such as 6443, which workers leave free."));
  }

  @ParameterizedTest
  @ValueSource(ints = {6443, 10251, 16443})
  void workerProxyPortInUse_acceptsFreePorts(int port) {
    ClusterTopology topology =
        reference().withApiEndpoint(externalLoadBalancer().withWorkerLocalProxyPort(port));

    assertThat(findings(topology)).isEmpty();
  }

  @Test
  void vipInterfaceLoopback_reportsNodeInterface() {
    ClusterTopology topology = withNode("cp-2", CP_2.withInterfaceName("lo"));

    assertThat(findings(topology))
        .containsExactly(
            error(
                "VIP_INTERFACE_LOOPBACK",
                "nodes[cp-2].interfaceName",
                "control plane 'cp-2' would announce the virtual IP on the loopback interface 'lo',"
                    + " which never carries it to other hosts.",
                "use the interface that carries the node's address, such as eth0."));
  }

  @Test
  void vipInterfaceLoopback_acceptsLoopbackOnWorker() {
    assertThat(findings(withNode("worker-1", WORKER_1.withInterfaceName("lo")))).isEmpty();
  }
}
