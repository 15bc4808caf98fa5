package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelTest {
  private static final String TOKEN = "abcdef.0123456789abcdef";
  private static final String CERTIFICATE_KEY =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String VRRP_PASSWORD = "k33pal1v";

  private static HaproxyKeepalived loadBalancer() {
    return ApiEndpointAccess.haproxyKeepalived()
        .virtualIp("10.0.0.100")
        .interfaceName("eth0")
        .frontendPort(8443)
        .build();
  }

  private static ClusterTopology.Builder haTopology() {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24"))
        .apiEndpoint(loadBalancer());
  }

  @Test
  void controlPlane_setsRoleAndAddress() {
    Node node = Node.controlPlane("cp-1", "10.0.0.11/24");

    assertThat(node.name()).isEqualTo("cp-1");
    assertThat(node.address()).isEqualTo(InterfaceAddress.parse("10.0.0.11/24"));
    assertThat(node.roles()).containsExactly(Role.CONTROL_PLANE);
    assertThat(node.isControlPlane()).isTrue();
  }

  @Test
  void controlPlane_hasDefaults() {
    Node node = Node.controlPlane("cp-1", "10.0.0.11/24");

    assertThat(node.criSocket()).isEqualTo("unix:///var/run/containerd/containerd.sock");
    assertThat(node.interfaceName()).isEmpty();
    assertThat(node.labels()).isEmpty();
  }

  @Test
  void worker_isNoControlPlane() {
    Node node = Node.worker("worker-1", "10.0.0.21/24");

    assertThat(node.roles()).containsExactly(Role.WORKER);
    assertThat(node.isControlPlane()).isFalse();
    assertThat(node.hasRole(Role.WORKER)).isTrue();
  }

  @Test
  void nodeBuilder_keepsRolesAndLabelsInOrder() {
    Node node =
        Node.builder()
            .name("edge-1")
            .address("10.0.0.31/24")
            .interfaceName("ens192")
            .addRole(Role.WORKER)
            .addRole(Role.LOAD_BALANCER)
            .putLabel("topology.kubernetes.io/zone", "eu-1a")
            .putLabel("node-role.kubernetes.io/edge", "")
            .build();

    assertThat(node.roles()).containsExactly(Role.WORKER, Role.LOAD_BALANCER);
    assertThat(node.labels().keySet())
        .containsExactly("topology.kubernetes.io/zone", "node-role.kubernetes.io/edge");
    assertThat(node.interfaceName()).contains("ens192");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void controlPlane_rejectsBlankName(String name) {
    assertThatThrownBy(() -> Node.controlPlane(name, "10.0.0.11/24"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node name must not be blank: give each node a name");
  }

  @Test
  void nodeBuilder_rejectsMissingRole() {
    assertThatThrownBy(() -> Node.builder().name("cp-1").address("10.0.0.11/24").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node 'cp-1' has no role: add Role.CONTROL_PLANE, Role.WORKER or another role");
  }

  @Test
  void controlPlane_rejectsAddressWithoutPrefix() {
    assertThatThrownBy(() -> Node.controlPlane("cp-1", "10.0.0.11"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid interface address '10.0.0.11': the prefix length is missing; write it as"
                + " ADDRESS/PREFIX such as 10.0.0.11/24");
  }

  @Test
  void haproxyKeepalived_hasDefaults() {
    HaproxyKeepalived lb = ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100").build();

    assertThat(lb.kind()).isEqualTo(ApiEndpointAccess.Kind.HAPROXY_KEEPALIVED);
    assertThat(lb.virtualIp()).isEqualTo(IpAddress.parse("10.0.0.100"));
    assertThat(lb.interfaceName()).isEmpty();
    assertThat(lb.frontendPort()).isEqualTo(8443);
    assertThat(lb.virtualRouterId()).isEqualTo(51);
    assertThat(lb.advertIntervalSeconds()).isEqualTo(1);
    assertThat(lb.virtualRouterIdsInUse()).isEmpty();
    assertThat(lb.unicast()).isFalse();
    assertThat(lb.multicastAvailable()).isTrue();
    assertThat(lb.checkIntervalSeconds()).isEqualTo(3);
    assertThat(lb.checkFall()).isEqualTo(3);
    assertThat(lb.checkRise()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void haproxyKeepalived_rejectsFrontendPortOutOfRange(int port) {
    HaproxyKeepalived.Builder builder =
        ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100");
    builder.frontendPort(port);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "frontend port '" + port + "' is outside 1-65535: choose a TCP port in that range");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 65535})
  void haproxyKeepalived_acceptsFrontendPortAtBounds(int port) {
    HaproxyKeepalived.Builder builder =
        ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100");
    builder.frontendPort(port);

    assertThat(builder.build().frontendPort()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 256})
  void haproxyKeepalived_rejectsAdvertIntervalOutOfRange(int seconds) {
    HaproxyKeepalived.Builder builder =
        ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100");
    builder.advertIntervalSeconds(seconds);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "advert interval '"
                + seconds
                + "' is outside 1-255 seconds: VRRPv2 takes whole seconds; use 1 unless the"
                + " network is slow");
  }

  @Test
  void haproxyKeepalived_rejectsZeroCheckFall() {
    HaproxyKeepalived.Builder builder =
        ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100");
    builder.checkFall(0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check fall '0' must be at least 1");
  }

  @Test
  void haproxyKeepalived_keepsRouterIdsInUseInOrder() {
    HaproxyKeepalived lb = loadBalancer().withVirtualRouterIdsInUse(52, 51, 52);

    assertThat(lb.virtualRouterIdsInUse()).containsExactly(52, 51);
  }

  @Test
  void networking_hasKubeadmDefaults() {
    Networking networking = Networking.defaults();

    assertThat(networking.podSubnets()).isEmpty();
    assertThat(networking.serviceSubnets()).containsExactly(Cidr.parse("10.96.0.0/12"));
    assertThat(networking.dnsDomain()).isEqualTo("cluster.local");
    assertThat(networking.nodeCidrMaskSizeIpv4()).isEqualTo(24);
    assertThat(networking.nodeCidrMaskSizeIpv6()).isEqualTo(64);
    assertThat(networking.isDualStack()).isFalse();
  }

  @Test
  void networking_parsesSubnets() {
    Networking networking =
        Networking.builder().podSubnet("10.244.0.0/16").serviceSubnet("10.100.0.0/16").build();

    assertThat(networking.podSubnets()).containsExactly(Cidr.parse("10.244.0.0/16"));
    assertThat(networking.serviceSubnets()).containsExactly(Cidr.parse("10.100.0.0/16"));
  }

  @Test
  void networking_keepsDualStackSubnetsInOrder() {
    Networking networking =
        Networking.builder()
            .podSubnet("fd00:10:244::/56")
            .podSubnet("10.244.0.0/16")
            .serviceSubnet("fd00:10:96::/108")
            .serviceSubnet("10.96.0.0/12")
            .build();

    assertThat(networking.podSubnets())
        .containsExactly(Cidr.parse("fd00:10:244::/56"), Cidr.parse("10.244.0.0/16"));
    assertThat(networking.serviceSubnets())
        .containsExactly(Cidr.parse("fd00:10:96::/108"), Cidr.parse("10.96.0.0/12"));
    assertThat(networking.isDualStack()).isTrue();
  }

  @Test
  void networking_ipv6ServiceSubnetReplacesDefault() {
    Networking networking = Networking.builder().serviceSubnet("fd00:10:96::/108").build();

    assertThat(networking.serviceSubnets()).containsExactly(Cidr.parse("fd00:10:96::/108"));
    assertThat(networking.isDualStack()).isFalse();
  }

  @Test
  void networking_picksNodeMaskSizeByFamily() {
    Networking networking =
        Networking.builder().nodeCidrMaskSizeIpv4(26).nodeCidrMaskSizeIpv6(80).build();

    assertThat(networking.nodeCidrMaskSize(Cidr.parse("10.244.0.0/16"))).isEqualTo(26);
    assertThat(networking.nodeCidrMaskSize(Cidr.parse("fd00:10:244::/56"))).isEqualTo(80);
  }

  @Test
  void networking_rejectsEmptyServiceSubnets() {
    Networking.Builder builder = Networking.builder().serviceSubnets(List.of());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "service subnets must not be empty: leave them unset for kubeadm's 10.96.0.0/12 or add"
                + " one with serviceSubnet(\"10.96.0.0/12\")");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 33})
  void networking_rejectsIpv4NodeMaskOutOfRange(int maskSize) {
    Networking.Builder builder = Networking.builder().nodeCidrMaskSizeIpv4(maskSize);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "IPv4 node CIDR mask size '"
                + maskSize
                + "' is outside 1-32: give a prefix length such as 24");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 129})
  void networking_rejectsIpv6NodeMaskOutOfRange(int maskSize) {
    Networking.Builder builder = Networking.builder().nodeCidrMaskSizeIpv6(maskSize);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "IPv6 node CIDR mask size '"
                + maskSize
                + "' is outside 1-128: give a prefix length such as 64");
  }

  @Test
  void imageSettings_hasPinnedDefaults() {
    ImageSettings images = ImageSettings.defaults();

    assertThat(images.imageRepository()).isEqualTo("registry.k8s.io");
    assertThat(images.haproxyImage()).isEqualTo("docker.io/library/haproxy:2.8.5");
    assertThat(images.keepalivedImage()).isEqualTo("docker.io/osixia/keepalived:2.0.20");
  }

  @Test
  void clusterTopology_hasDefaults() {
    ClusterTopology topology =
        ClusterTopology.builder()
            .name("dev")
            .kubernetesVersion("1.33.4")
            .addNode(Node.controlPlane("cp-1", "10.0.0.11/24"))
            .build();

    assertThat(topology.kubernetesVersion()).isEqualTo(KubernetesVersion.parse("v1.33.4"));
    assertThat(topology.etcd()).isEqualTo(EtcdTopology.stacked());
    assertThat(topology.apiEndpoint()).isSameAs(ApiEndpointAccess.none());
    assertThat(topology.apiEndpoint().kind()).isEqualTo(ApiEndpointAccess.Kind.NONE);
    assertThat(topology.controlPlaneEndpoint()).isEmpty();
    assertThat(topology.effectiveControlPlaneEndpoint()).isEmpty();
    assertThat(topology.apiServerPort()).isEqualTo(6443);
    assertThat(topology.extraCertSans()).isEmpty();
    assertThat(topology.networking()).isEqualTo(Networking.defaults());
    assertThat(topology.images()).isEqualTo(ImageSettings.defaults());
    assertThat(topology.secrets()).isEqualTo(ClusterSecrets.none());
  }

  @Test
  void clusterTopology_keepsNodeOrder() {
    ClusterTopology topology =
        haTopology().addNode(Node.controlPlane("cp-0", "10.0.0.10/24")).build();

    assertThat(topology.nodes())
        .extracting(Node::name)
        .containsExactly("cp-1", "cp-2", "cp-3", "worker-1", "cp-0");
    assertThat(topology.controlPlanes())
        .extracting(Node::name)
        .containsExactly("cp-1", "cp-2", "cp-3", "cp-0");
  }

  @Test
  void clusterTopology_controlPlanesFollowNewNodes() {
    ClusterTopology topology = haTopology().build();
    List<Node> before = topology.controlPlanes();

    ClusterTopology changed = topology.withNodes(Node.controlPlane("cp-9", "10.0.0.19/24"));

    assertThat(changed.controlPlanes()).extracting(Node::name).containsExactly("cp-9");
    assertThat(topology.controlPlanes()).isSameAs(before);
    assertThat(changed).isNotEqualTo(topology);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void clusterTopology_rejectsBlankName(String name) {
    ClusterTopology.Builder builder = haTopology().name(name);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster name must not be blank: give a DNS-1123 label such as prod-eu1");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65536})
  void clusterTopology_rejectsApiServerPortOutOfRange(int port) {
    ClusterTopology.Builder builder = haTopology().apiServerPort(port);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "apiserver port '" + port + "' is outside 1-65535: choose a TCP port in that range");
  }

  @Test
  void clusterTopology_rejectsShortVersion() {
    assertThatThrownBy(() -> ClusterTopology.builder().kubernetesVersion("1.33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid Kubernetes version '1.33': expected vMAJOR.MINOR.PATCH such as v1.33.4");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65536})
  void controlPlaneEndpoint_rejectsPortOutOfRange(int port) {
    assertThatThrownBy(() -> ControlPlaneEndpoint.of("api.prod.example.com", port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "control plane endpoint port '"
                + port
                + "' is outside 1-65535: choose a TCP port in that range");
  }

  @Test
  void controlPlaneEndpoint_rejectsBlankHost() {
    assertThatThrownBy(() -> ControlPlaneEndpoint.of(" ", 6443))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "control plane endpoint host must not be blank: give a DNS name or an IP address");
  }

  @Test
  void controlPlaneEndpoint_bracketsIpv6Host() {
    ControlPlaneEndpoint endpoint = ControlPlaneEndpoint.of(IpAddress.parse("fd00::100"), 8443);

    assertThat(endpoint.host()).isEqualTo("fd00::100");
    assertThat(endpoint.toString()).isEqualTo("[fd00::100]:8443");
  }

  @Test
  void effectiveControlPlaneEndpoint_derivesFromVip() {
    ClusterTopology topology = haTopology().build();

    assertThat(topology.controlPlaneEndpoint()).isEmpty();
    assertThat(topology.effectiveControlPlaneEndpoint())
        .contains(ControlPlaneEndpoint.of("10.0.0.100", 8443));
  }

  @Test
  void effectiveControlPlaneEndpoint_usesFrontendPort() {
    ClusterTopology topology =
        haTopology().apiEndpoint(loadBalancer().withFrontendPort(9443)).build();

    assertThat(topology.effectiveControlPlaneEndpoint().map(ControlPlaneEndpoint::toString))
        .contains("10.0.0.100:9443");
  }

  @Test
  void effectiveControlPlaneEndpoint_prefersExplicitEndpoint() {
    ControlPlaneEndpoint explicit = ControlPlaneEndpoint.of("api.prod.example.com", 443);
    ClusterTopology topology = haTopology().controlPlaneEndpoint(explicit).build();

    assertThat(topology.effectiveControlPlaneEndpoint()).contains(explicit);
  }

  @Test
  void etcdTopology_rejectsStackedWithEndpoints() {
    EtcdTopology.Builder builder = new EtcdTopology.Builder();
    builder.kind(EtcdTopology.Kind.STACKED).addEndpoint("https://10.0.1.11:2379");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "stacked etcd takes no endpoints or TLS files: use EtcdTopology.external() for"
                + " those");
  }

  @Test
  void etcdTopology_externalStartsWithKubeadmTlsPaths() {
    EtcdTopology external = EtcdTopology.external().build();

    assertThat(external.isExternal()).isTrue();
    assertThat(external.endpoints()).isEmpty();
    assertThat(external.caFile()).contains("/etc/kubernetes/pki/etcd/ca.crt");
    assertThat(external.certFile()).contains("/etc/kubernetes/pki/apiserver-etcd-client.crt");
    assertThat(external.keyFile()).contains("/etc/kubernetes/pki/apiserver-etcd-client.key");
  }

  @Test
  void etcdTopology_clearTlsFilesRemovesAllThree() {
    EtcdTopology plain =
        EtcdTopology.external().addEndpoint("http://10.0.1.11:2379").clearTlsFiles().build();

    assertThat(plain.caFile()).isEmpty();
    assertThat(plain.certFile()).isEmpty();
    assertThat(plain.keyFile()).isEmpty();
  }

  @Test
  void etcdNode_hasOnlyEtcdRole() {
    Node node = Node.etcd("etcd-1", "10.0.1.11/24");

    assertThat(node.roles()).containsExactly(Role.ETCD);
    assertThat(node.isControlPlane()).isFalse();
  }

  @Test
  void etcdMember_usesNodeNameAndStandardPorts() {
    EtcdMember member = EtcdMember.of(Node.etcd("etcd-1", "10.0.1.11/24"));

    assertThat(member.name()).isEqualTo("etcd-1");
    assertThat(member.peerUrl()).isEqualTo("https://10.0.1.11:2380");
    assertThat(member.clientUrl()).isEqualTo("https://10.0.1.11:2379");
  }

  @Test
  void etcdMember_bracketsIpv6Address() {
    EtcdMember member = EtcdMember.of(Node.etcd("etcd-1", "fd00:0:0:1::11/64"));

    assertThat(member.peerUrl()).isEqualTo("https://[fd00:0:0:1::11]:2380");
    assertThat(member.clientUrl()).isEqualTo("https://[fd00:0:0:1::11]:2379");
  }

  @Test
  void initialCluster_joinsEveryMemberInOrder() {
    List<EtcdMember> members =
        List.of(
            EtcdMember.of(Node.etcd("etcd-2", "10.0.1.12/24")),
            EtcdMember.of(Node.etcd("etcd-1", "10.0.1.11/24")));

    assertThat(EtcdMember.initialCluster(members))
        .isEqualTo("etcd-2=https://10.0.1.12:2380,etcd-1=https://10.0.1.11:2380");
  }

  @Test
  void etcdEndpoints_deriveFromEtcdHosts() {
    ClusterTopology topology =
        haTopology()
            .addNodes(Node.etcd("etcd-1", "10.0.1.11/24"), Node.etcd("etcd-2", "10.0.1.12/24"))
            .etcd(EtcdTopology.external().build())
            .build();

    assertThat(topology.etcdMembers())
        .extracting(EtcdMember::name)
        .containsExactly("etcd-1", "etcd-2");
    assertThat(topology.etcdEndpoints())
        .containsExactly("https://10.0.1.11:2379", "https://10.0.1.12:2379");
  }

  @Test
  void etcdEndpoints_preferExplicitEndpoints() {
    ClusterTopology topology =
        haTopology()
            .addNode(Node.etcd("etcd-1", "10.0.1.11/24"))
            .etcd(EtcdTopology.external().addEndpoint("https://etcd.example.com:2379").build())
            .build();

    assertThat(topology.etcdEndpoints()).containsExactly("https://etcd.example.com:2379");
  }

  @Test
  void etcdEndpoints_emptyForStackedEtcd() {
    ClusterTopology topology = haTopology().addNode(Node.etcd("etcd-1", "10.0.1.11/24")).build();

    assertThat(topology.etcdEndpoints()).isEmpty();
  }

  @Test
  void completedWith_generatesEveryMissingSecret() {
    ClusterSecrets secrets = ClusterSecrets.none().completedWith(new SecureRandom());

    assertThat(secrets.bootstrapToken().map(Secret::reveal))
        .hasValueSatisfying(token -> assertThat(token).matches("[a-z0-9]{6}\\.[a-z0-9]{16}"));
    assertThat(secrets.certificateKey().map(Secret::reveal))
        .hasValueSatisfying(key -> assertThat(key).matches("[0-9a-f]{64}"));
    assertThat(secrets.vrrpPassword().map(Secret::reveal))
        .hasValueSatisfying(password -> assertThat(password).matches("[a-z0-9]{8}"));
  }

  @Test
  void completedWith_keepsGivenSecrets() {
    ClusterSecrets given =
        ClusterSecrets.builder().bootstrapToken(TOKEN).vrrpPassword(VRRP_PASSWORD).build();

    ClusterSecrets completed = given.completedWith(new SecureRandom());

    assertThat(completed.bootstrapToken()).contains(Secret.of(TOKEN));
    assertThat(completed.vrrpPassword()).contains(Secret.of(VRRP_PASSWORD));
    assertThat(completed.certificateKey()).isPresent();
  }

  @Test
  void completedWith_generatesDifferentSecretsPerCall() {
    SecureRandom random = new SecureRandom();

    ClusterSecrets first = ClusterSecrets.none().completedWith(random);
    ClusterSecrets second = ClusterSecrets.none().completedWith(random);

    assertThat(first.certificateKey()).isNotEqualTo(second.certificateKey());
  }

  @Test
  void clusterSecretsToString_hidesValues() {
    ClusterSecrets secrets =
        ClusterSecrets.builder()
            .bootstrapToken(TOKEN)
            .certificateKey(CERTIFICATE_KEY)
            .vrrpPassword(VRRP_PASSWORD)
            .build();

    String text = secrets.toString();

    assertThat(text).doesNotContain(TOKEN);
    assertThat(text).doesNotContain("abcdef");
    assertThat(text).doesNotContain(CERTIFICATE_KEY);
    assertThat(text).doesNotContain(VRRP_PASSWORD);
    assertThat(text).contains("vrrpPassword=Secret[redacted]");
  }

  @Test
  void clusterTopologyToString_hidesSecretValues() {
    ClusterTopology topology =
        haTopology()
            .secrets(
                ClusterSecrets.builder()
                    .bootstrapToken(TOKEN)
                    .certificateKey(CERTIFICATE_KEY)
                    .vrrpPassword(VRRP_PASSWORD)
                    .build())
            .build();

    String text = topology.toString();

    assertThat(text).doesNotContain(TOKEN);
    assertThat(text).doesNotContain("0123456789abcdef");
    assertThat(text).doesNotContain(CERTIFICATE_KEY);
    assertThat(text).doesNotContain(VRRP_PASSWORD);
    assertThat(text).contains("prod-eu1");
  }

  @Test
  void clusterTopology_comparesByValue() {
    assertThat(haTopology().build()).isEqualTo(haTopology().build());
    assertThat(haTopology().build().withName("prod-eu2")).isNotEqualTo(haTopology().build());
  }
}
