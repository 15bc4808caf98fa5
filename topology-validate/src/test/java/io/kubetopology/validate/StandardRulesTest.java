package io.kubetopology.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubetopology.api.ApiEndpointAccess;
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
 * and pod subnet 10.244.0.0/16. Each rule test changes one thing and expects exactly the findings
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

  private static ClusterTopology withSecrets(ClusterSecrets secrets) {
    return reference().withSecrets(secrets);
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
}
