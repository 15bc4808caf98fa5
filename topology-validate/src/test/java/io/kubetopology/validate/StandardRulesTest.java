package io.kubetopology.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.InterfaceAddress;
import io.kubetopology.api.IpAddress;
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
          "HA_ENDPOINT_MISSING",
          "SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT",
          "ENDPOINT_HOST_INVALID",
          "LB_PORT_COLLIDES_WITH_APISERVER",
          "VRRP_ROUTER_ID_RANGE",
          "VIP_EQUALS_NODE_ADDRESS",
          "VIP_OUTSIDE_NODE_SUBNET",
          "VIP_IS_NETWORK_OR_BROADCAST",
          "VRRP_INTERFACE_MISSING",
          "INTERFACE_NAME_INVALID",
          "SUBNETS_OVERLAP",
          "DNS_DOMAIN_INVALID",
          "CERT_SAN_INVALID",
          "IMAGE_REFERENCE_INVALID",
          "VRRP_PASSWORD_TOO_LONG",
          "BOOTSTRAP_TOKEN_INVALID",
          "CERTIFICATE_KEY_INVALID",
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
          "EXTERNAL_ETCD_TLS_PATH_NOT_ABSOLUTE");

  private static final Node CP_1 = Node.controlPlane("cp-1", "10.0.0.11/24");
  private static final Node CP_2 = Node.controlPlane("cp-2", "10.0.0.12/24");
  private static final Node CP_3 = Node.controlPlane("cp-3", "10.0.0.13/24");
  private static final Node WORKER_1 = Node.worker("worker-1", "10.0.0.21/24");
  private static final Node WORKER_2 = Node.worker("worker-2", "10.0.0.22/24");

  private static final String VRRP_PASSWORD_HINT =
      "use a password of at most 8 characters, or leave it out to have one generated.";

  private static HaproxyKeepalived loadBalancer() {
    return ApiEndpointAccess.haproxyKeepalived()
        .virtualIp("10.0.0.100")
        .interfaceName("eth0")
        .frontendPort(8443)
        .build();
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

  @Test
  void reference_inIpv6HasNoFindings() {
    ClusterTopology topology =
        reference()
            .withNodes(
                Node.controlPlane("cp-1", "fd00::11/64"),
                Node.controlPlane("cp-2", "fd00::12/64"),
                Node.controlPlane("cp-3", "fd00::13/64"),
                Node.worker("worker-1", "fd00::21/64"))
            .withApiEndpoint(loadBalancer().withVirtualIp(IpAddress.parse("fd00::100")))
            .withNetworking(
                Networking.builder()
                    .podSubnet("fd00:10:244::/56")
                    .serviceSubnet("fd00:10:96::/108")
                    .build());

    assertThat(findings(topology)).isEmpty();
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
  void nodeLabelInvalid_reportsValueWithSpace() {
    assertSingleFinding(
        withNode("worker-1", WORKER_1.withLabels(Map.of("zone", "eu 1a"))),
        error(
            "NODE_LABEL_INVALID",
            "nodes[worker-1].labels",
            "label 'zone' of node 'worker-1' has the invalid value 'eu 1a'.",
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

  @Test
  void stackedEtcdEvenMembers_reportsTwoMembers() {
    assertSingleFinding(
        reference().withNodes(CP_1, CP_2, WORKER_1, WORKER_2),
        error(
            "STACKED_ETCD_EVEN_MEMBERS",
            "nodes",
            "stacked etcd has 2 members, one per control plane; an even count tolerates no more"
                + " failures than the odd count below it, and two members lose quorum when either"
                + " fails.",
            "use an odd number of control planes, such as 3."));
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
            "stacked etcd has 4 members, one per control plane; an even count tolerates no more"
                + " failures than the odd count below it, and two members lose quorum when either"
                + " fails.",
            "use an odd number of control planes, such as 5."));
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
    assertThat(findings(reference().withNodes(CP_1, WORKER_1, WORKER_2))).isEmpty();
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
    assertSingleFinding(
        withNode("cp-3", Node.controlPlane("cp-3", "10.0.1.13/24")),
        error(
            "VIP_OUTSIDE_NODE_SUBNET",
            "apiEndpoint.virtualIp",
            "virtual IP '10.0.0.100' is outside subnet '10.0.1.0/24' of control plane 'cp-3', so"
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
    assertSingleFinding(
        reference().withApiEndpoint(loadBalancer().withInterfaceName("eth 0")),
        error(
            "INTERFACE_NAME_INVALID",
            "apiEndpoint.interfaceName",
            "interface name 'eth 0' is not a Linux interface name.",
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

  // SUBNETS_OVERLAP

  @Test
  void subnetsOverlap_reportsPodSubnetInsideServiceSubnet() {
    assertSingleFinding(
        reference().withNetworking(Networking.builder().podSubnet("10.96.0.0/16").build()),
        error(
            "SUBNETS_OVERLAP",
            "networking.podSubnet",
            "pod subnet '10.96.0.0/16' overlaps service subnet '10.96.0.0/12'.",
            "choose ranges that do not overlap, such as 10.244.0.0/16 for pods and 10.96.0.0/12"
                + " for services."));
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
            "networking.podSubnet",
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
                "networking.podSubnet",
                "pod subnet '192.168.0.0/16' contains virtual IP '192.168.50.100'.",
                "choose a pod subnet that leaves out the virtual IP."),
            error(
                "SUBNETS_OVERLAP",
                "networking.podSubnet",
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
                "networking.serviceSubnet",
                "service subnet '10.96.0.0/12' contains virtual IP '10.110.17.100'.",
                "choose a service subnet that leaves out the virtual IP."),
            error(
                "SUBNETS_OVERLAP",
                "networking.serviceSubnet",
                "service subnet '10.96.0.0/12' overlaps node subnet '10.110.17.0/24' of node"
                    + " 'cp-1', so traffic to those nodes would be routed into the cluster.",
                "choose a service subnet outside every node subnet."));
  }

  @Test
  void subnetsOverlap_acceptsNodesJustOutsideServiceSubnet() {
    assertThat(findings(movedToSubnet("10.112.0."))).isEmpty();
  }

  @Test
  void subnetsOverlap_ignoresOtherAddressFamily() {
    ClusterTopology topology =
        reference().withNetworking(Networking.builder().podSubnet("fd00:10:244::/56").build());

    assertThat(findings(topology)).isEmpty();
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

    assertSingleFinding(
        reference().withImages(images),
        error(
            "IMAGE_REFERENCE_INVALID",
            "images.haproxyImage",
            "image reference 'docker.io/library/haproxy:2.8.5 --privileged' is malformed.",
            "use REGISTRY/PATH:TAG with lowercase path characters, such as"
                + " docker.io/library/haproxy:2.8.5."));
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

  @ParameterizedTest
  @ValueSource(strings = {"k33 pal1", "k33\"pal1", "k33'pal1", "k33pal\t1", "kéépal1"})
  void vrrpPasswordTooLong_reportsUnsafeCharactersWithoutValue(String password) {
    List<Finding> findings =
        findings(withSecrets(ClusterSecrets.builder().vrrpPassword(password).build()));

    assertThat(findings)
        .containsExactly(
            error(
                "VRRP_PASSWORD_TOO_LONG",
                "secrets.vrrpPassword",
                "the VRRP password contains spaces, quotes or non-printable characters.",
                "use printable ASCII letters, digits and punctuation only."));
    assertThat(findings.get(0).message()).doesNotContain(password);
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
                + " ca.key with ClusterSecrets.builder().clusterCa(certificatePem, privateKeyPem);"
                + " the joins then pin its public key in caCertHashes."));
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
                    + " digit, such as cp-1."));
  }

  @Test
  void etcdMemberNotInInitialCluster_reportsNameWithEqualsSign() {
    Node equals = Node.etcd("etcd=1", "10.0.1.11/24");

    List<String> ruleIds =
        findings(withEtcdHosts(equals, ETCD_2, ETCD_3)).stream().map(Finding::ruleId).toList();

    assertThat(ruleIds).containsExactly("ETCD_MEMBER_NOT_IN_INITIAL_CLUSTER", "NODE_NAME_INVALID");
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
}
