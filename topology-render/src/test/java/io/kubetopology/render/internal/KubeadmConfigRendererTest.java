package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.CertificateAuthority;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeadmConfigRendererTest {
  private static final String TOKEN = "abcdef.0123456789abcdef";
  private static final String CERTIFICATE_KEY =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final ClusterSecrets SECRETS =
      ClusterSecrets.builder()
          .bootstrapToken(TOKEN)
          .certificateKey(CERTIFICATE_KEY)
          .vrrpPassword("vrrp1234")
          .build();

  private static final Node CP_1 = Node.controlPlane("cp-1", "10.0.0.11/24");
  private static final Node CP_2 = Node.controlPlane("cp-2", "10.0.0.12/24");
  private static final Node CP_3 = Node.controlPlane("cp-3", "10.0.0.13/24");
  private static final Node WORKER_1 = Node.worker("worker-1", "10.0.0.21/24");

  private static ClusterTopology.Builder haTopology(String version) {
    ClusterTopology.Builder builder = ClusterTopology.builder();
    builder
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(CP_1, CP_2, CP_3, WORKER_1)
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build());
    return builder;
  }

  private static ClusterTopology singleControlPlane(Node controlPlane, Node worker) {
    return ClusterTopology.builder()
        .name("lab")
        .kubernetesVersion("v1.33.4")
        .addNodes(controlPlane, worker)
        .build();
  }

  /** Splits a rendered file on its {@code ---} lines and parses every document. */
  private static List<Map<String, Object>> documents(String text) {
    return Arrays.stream(text.split("(?m)^---\n"))
        .map(document -> KubeadmConfigRendererTest.parse(document))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String document) {
    return Yaml.read(document, Map.class);
  }

  /** Returns the value at a path of map keys and list indexes, such as "bootstrapTokens", 0. */
  @SuppressWarnings("unchecked")
  private static Object at(Object tree, Object... path) {
    Object current = tree;
    for (Object step : path) {
      current =
          step instanceof Integer index
              ? ((List<Object>) current).get(index)
              : ((Map<String, Object>) current).get(step);
    }
    return current;
  }

  private static final String INIT_V1BETA4 =
      """
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: InitConfiguration
      bootstrapTokens:
        - token: abcdef.0123456789abcdef
          ttl: 24h0m0s
          usages:
            - signing
            - authentication
          groups:
            - system:bootstrappers:kubeadm:default-node-token
      certificateKey: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      localAPIEndpoint:
        advertiseAddress: 10.0.0.11
        bindPort: 6443
      nodeRegistration:
        name: cp-1
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          - name: node-ip
            value: 10.0.0.11
      timeouts:
        controlPlaneComponentHealthCheck: 4m0s
      ---
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: ClusterConfiguration
      kubernetesVersion: v1.33.4
      clusterName: prod-eu1
      controlPlaneEndpoint: 10.0.0.100:8443
      imageRepository: registry.k8s.io
      networking:
        dnsDomain: cluster.local
        serviceSubnet: 10.96.0.0/12
        podSubnet: 10.244.0.0/16
      apiServer:
        certSANs:
          - 10.0.0.100
      etcd:
        local:
          dataDir: /var/lib/etcd
      """;

  private static final String CONTROL_PLANE_JOIN_V1BETA4 =
      """
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: JoinConfiguration
      discovery:
        bootstrapToken:
          token: abcdef.0123456789abcdef
          apiServerEndpoint: 10.0.0.100:8443
          unsafeSkipCAVerification: true
      controlPlane:
        localAPIEndpoint:
          advertiseAddress: 10.0.0.12
          bindPort: 6443
        certificateKey: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      nodeRegistration:
        name: cp-2
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          - name: node-ip
            value: 10.0.0.12
        ignorePreflightErrors:
          - DirAvailable--etc-kubernetes-manifests
      timeouts:
        controlPlaneComponentHealthCheck: 4m0s
        discovery: 5m0s
      """;

  private static final String WORKER_JOIN_V1BETA4 =
      """
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: JoinConfiguration
      discovery:
        bootstrapToken:
          token: abcdef.0123456789abcdef
          apiServerEndpoint: 10.0.0.100:8443
          unsafeSkipCAVerification: true
      nodeRegistration:
        name: worker-1
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          - name: node-ip
            value: 10.0.0.21
      timeouts:
        discovery: 5m0s
      """;

  private static final String INIT_V1BETA3 =
      """
      apiVersion: kubeadm.k8s.io/v1beta3
      kind: InitConfiguration
      bootstrapTokens:
        - token: abcdef.0123456789abcdef
          ttl: 24h0m0s
          usages:
            - signing
            - authentication
          groups:
            - system:bootstrappers:kubeadm:default-node-token
      certificateKey: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      localAPIEndpoint:
        advertiseAddress: 10.0.0.11
        bindPort: 6443
      nodeRegistration:
        name: cp-1
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          node-ip: 10.0.0.11
      ---
      apiVersion: kubeadm.k8s.io/v1beta3
      kind: ClusterConfiguration
      kubernetesVersion: v1.30.5
      clusterName: prod-eu1
      controlPlaneEndpoint: 10.0.0.100:8443
      imageRepository: registry.k8s.io
      networking:
        dnsDomain: cluster.local
        serviceSubnet: 10.96.0.0/12
        podSubnet: 10.244.0.0/16
      apiServer:
        certSANs:
          - 10.0.0.100
        timeoutForControlPlane: 4m0s
      etcd:
        local:
          dataDir: /var/lib/etcd
      """;

  private static final String CONTROL_PLANE_JOIN_V1BETA3 =
      """
      apiVersion: kubeadm.k8s.io/v1beta3
      kind: JoinConfiguration
      discovery:
        bootstrapToken:
          token: abcdef.0123456789abcdef
          apiServerEndpoint: 10.0.0.100:8443
          unsafeSkipCAVerification: true
        timeout: 5m0s
      controlPlane:
        localAPIEndpoint:
          advertiseAddress: 10.0.0.12
          bindPort: 6443
        certificateKey: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      nodeRegistration:
        name: cp-2
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          node-ip: 10.0.0.12
        ignorePreflightErrors:
          - DirAvailable--etc-kubernetes-manifests
      """;

  private static final String WORKER_JOIN_V1BETA3 =
      """
      apiVersion: kubeadm.k8s.io/v1beta3
      kind: JoinConfiguration
      discovery:
        bootstrapToken:
          token: abcdef.0123456789abcdef
          apiServerEndpoint: 10.0.0.100:8443
          unsafeSkipCAVerification: true
        timeout: 5m0s
      nodeRegistration:
        name: worker-1
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          node-ip: 10.0.0.21
      """;

  @Test
  void render_initNodeV1beta4() {
    ClusterTopology topology = haTopology("v1.33.4").build();

    assertThat(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).isEqualTo(INIT_V1BETA4);
  }

  @Test
  void render_controlPlaneJoinV1beta4() {
    ClusterTopology topology = haTopology("v1.33.4").build();

    assertThat(KubeadmConfigRenderer.render(topology, CP_2, SECRETS))
        .isEqualTo(CONTROL_PLANE_JOIN_V1BETA4);
  }

  @Test
  void render_workerJoinV1beta4() {
    ClusterTopology topology = haTopology("v1.33.4").build();

    assertThat(KubeadmConfigRenderer.render(topology, WORKER_1, SECRETS))
        .isEqualTo(WORKER_JOIN_V1BETA4);
  }

  @Test
  void render_initNodeV1beta3() {
    ClusterTopology topology = haTopology("v1.30.5").build();

    assertThat(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).isEqualTo(INIT_V1BETA3);
  }

  @Test
  void render_controlPlaneJoinV1beta3() {
    ClusterTopology topology = haTopology("v1.30.5").build();

    assertThat(KubeadmConfigRenderer.render(topology, CP_2, SECRETS))
        .isEqualTo(CONTROL_PLANE_JOIN_V1BETA3);
  }

  @Test
  void render_workerJoinV1beta3() {
    ClusterTopology topology = haTopology("v1.30.5").build();

    assertThat(KubeadmConfigRenderer.render(topology, WORKER_1, SECRETS))
        .isEqualTo(WORKER_JOIN_V1BETA3);
  }

  @Test
  void render_documentsParseBackWithKinds() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    Map<Node, List<String>> expectedKinds =
        Map.of(
            CP_1, List.of("InitConfiguration", "ClusterConfiguration"),
            CP_2, List.of("JoinConfiguration"),
            CP_3, List.of("JoinConfiguration"),
            WORKER_1, List.of("JoinConfiguration"));

    for (Node node : topology.nodes()) {
      List<Map<String, Object>> documents =
          documents(KubeadmConfigRenderer.render(topology, node, SECRETS));

      assertThat(documents).extracting(d -> d.get("kind")).isEqualTo(expectedKinds.get(node));
      assertThat(documents)
          .extracting(d -> d.get("apiVersion"))
          .containsOnly("kubeadm.k8s.io/v1beta4");
    }
  }

  @Test
  void render_usesLfAndEndsWithNewline() {
    ClusterTopology topology = haTopology("v1.33.4").build();

    for (Node node : topology.nodes()) {
      String text = KubeadmConfigRenderer.render(topology, node, SECRETS);

      assertThat(text).doesNotContain("\r");
      assertThat(text).endsWith("\n");
      assertThat(text).doesNotEndWith("\n\n");
    }
  }

  @Test
  void render_isDeterministic() {
    ClusterTopology first = haTopology("v1.33.4").build();
    ClusterTopology second = haTopology("v1.33.4").build();

    for (Node node : first.nodes()) {
      assertThat(KubeadmConfigRenderer.render(first, node, SECRETS))
          .isEqualTo(KubeadmConfigRenderer.render(second, node, SECRETS));
    }
  }

  @Test
  void render_advertisesEachControlPlaneAddress() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    Map<String, Object> init =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(0);
    Map<String, Object> join2 =
        documents(KubeadmConfigRenderer.render(topology, CP_2, SECRETS)).get(0);
    Map<String, Object> join3 =
        documents(KubeadmConfigRenderer.render(topology, CP_3, SECRETS)).get(0);

    assertThat(at(init, "localAPIEndpoint", "advertiseAddress")).isEqualTo("10.0.0.11");
    assertThat(at(join2, "controlPlane", "localAPIEndpoint", "advertiseAddress"))
        .isEqualTo("10.0.0.12");
    assertThat(at(join3, "controlPlane", "localAPIEndpoint", "advertiseAddress"))
        .isEqualTo("10.0.0.13");
    assertThat(at(join3, "nodeRegistration", "kubeletExtraArgs", 0, "value"))
        .isEqualTo("10.0.0.13");
  }

  @Test
  void render_bindPortFollowsApiServerPort() {
    ClusterTopology topology = haTopology("v1.33.4").apiServerPort(7443).build();
    Map<String, Object> init =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(0);
    Map<String, Object> join =
        documents(KubeadmConfigRenderer.render(topology, CP_2, SECRETS)).get(0);

    assertThat(at(init, "localAPIEndpoint", "bindPort")).isEqualTo(7443);
    assertThat(at(join, "controlPlane", "localAPIEndpoint", "bindPort")).isEqualTo(7443);
    assertThat(at(join, "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isEqualTo("10.0.0.100:8443");
  }

  @Test
  void render_clusterConfigurationHasNoNodeValue() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    String cluster = KubeadmConfigRenderer.render(topology, CP_1, SECRETS).split("(?m)^---\n")[1];

    for (Node node : topology.nodes()) {
      assertThat(cluster).doesNotContain(node.address().address().toString());
      assertThat(cluster).doesNotContain(node.name());
    }
    assertThat(cluster).doesNotContain("advertise-address");
    assertThat(cluster).doesNotContain("bind-address");
  }

  @Test
  void render_certSansDeduplicatedAndSorted() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .addExtraCertSans("lb.prod.example.com", "10.0.0.100", "api.example.com", "10.0.0.5")
            .addExtraCertSan("api.example.com")
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(at(cluster, "apiServer", "certSANs"))
        .isEqualTo(List.of("10.0.0.100", "10.0.0.5", "api.example.com", "lb.prod.example.com"));
  }

  @Test
  void render_certSansIncludeExplicitEndpointHost() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .controlPlaneEndpoint(ControlPlaneEndpoint.of("api.prod.example.com", 8443))
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);
    Map<String, Object> join =
        documents(KubeadmConfigRenderer.render(topology, WORKER_1, SECRETS)).get(0);

    assertThat(cluster.get("controlPlaneEndpoint")).isEqualTo("api.prod.example.com:8443");
    assertThat(at(cluster, "apiServer", "certSANs"))
        .isEqualTo(List.of("10.0.0.100", "api.prod.example.com"));
    assertThat(at(join, "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isEqualTo("api.prod.example.com:8443");
  }

  @Test
  void render_certSansCountIpv6FormsOnce() {
    ClusterTopology topology =
        ClusterTopology.builder()
            .name("v6")
            .kubernetesVersion("v1.33.4")
            .addNodes(Node.controlPlane("cp-1", "fd00::11/64"))
            .apiEndpoint(ApiEndpointAccess.haproxyKeepalived().virtualIp("fd00::100").build())
            .addExtraCertSans("fd00:0:0:0:0:0:0:100", "FD00::100")
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, topology.nodes().get(0), SECRETS)).get(1);

    assertThat(cluster.get("controlPlaneEndpoint")).isEqualTo("[fd00::100]:8443");
    assertThat(at(cluster, "apiServer", "certSANs")).isEqualTo(List.of("fd00::100"));
  }

  @Test
  void render_scalarsKeepKubeadmTypes() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    Map<String, Object> init =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(0);
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);
    Map<String, Object> join =
        documents(KubeadmConfigRenderer.render(topology, CP_2, SECRETS)).get(0);

    assertThat(at(init, "nodeRegistration", "kubeletExtraArgs", 0, "value"))
        .isInstanceOf(String.class)
        .isEqualTo("10.0.0.11");
    assertThat(at(init, "localAPIEndpoint", "bindPort")).isInstanceOf(Integer.class);
    assertThat(at(init, "certificateKey")).isEqualTo(CERTIFICATE_KEY);
    assertThat(at(init, "bootstrapTokens", 0, "token")).isEqualTo(TOKEN);
    assertThat(at(cluster, "controlPlaneEndpoint"))
        .isInstanceOf(String.class)
        .isEqualTo("10.0.0.100:8443");
    assertThat(at(join, "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isInstanceOf(String.class)
        .isEqualTo("10.0.0.100:8443");
    assertThat(at(join, "discovery", "bootstrapToken", "unsafeSkipCAVerification"))
        .isEqualTo(Boolean.TRUE);
    assertThat(at(join, "controlPlane", "localAPIEndpoint", "bindPort"))
        .isInstanceOf(Integer.class)
        .isEqualTo(6443);
  }

  @Test
  void render_numberLikeNamesStayStrings() {
    Node numbered = Node.controlPlane("123", "10.0.0.11/24");
    ClusterTopology topology =
        ClusterTopology.builder()
            .name("2024")
            .kubernetesVersion("v1.33.4")
            .addNodes(numbered)
            .build();
    List<Map<String, Object>> documents =
        documents(KubeadmConfigRenderer.render(topology, numbered, SECRETS));

    assertThat(at(documents.get(0), "nodeRegistration", "name")).isEqualTo("123");
    assertThat(at(documents.get(1), "clusterName")).isEqualTo("2024");
  }

  @Test
  void render_nodeLabelsSortedByKey() {
    Node labelled =
        Node.builder()
            .name("worker-2")
            .address("10.0.0.22/24")
            .addRole(Role.WORKER)
            .putLabel("topology.kubernetes.io/zone", "eu-1a")
            .putLabel("disk", "ssd")
            .putLabel("node.example.com/pool", "general")
            .build();
    ClusterTopology topology = haTopology("v1.33.4").addNodes(labelled).build();
    Map<String, Object> join =
        documents(KubeadmConfigRenderer.render(topology, labelled, SECRETS)).get(0);

    assertThat(at(join, "nodeRegistration", "kubeletExtraArgs"))
        .isEqualTo(
            List.of(
                Map.of("name", "node-ip", "value", "10.0.0.22"),
                Map.of(
                    "name",
                    "node-labels",
                    "value",
                    "disk=ssd,node.example.com/pool=general,topology.kubernetes.io/zone=eu-1a")));
  }

  @Test
  void render_withoutEndpointJoinsFirstControlPlane() {
    Node controlPlane = Node.controlPlane("cp-1", "10.0.0.11/24");
    Node worker = Node.worker("worker-1", "10.0.0.21/24");
    ClusterTopology topology = singleControlPlane(controlPlane, worker);
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, controlPlane, SECRETS)).get(1);
    Map<String, Object> join =
        documents(KubeadmConfigRenderer.render(topology, worker, SECRETS)).get(0);

    assertThat(cluster).doesNotContainKey("controlPlaneEndpoint");
    assertThat(cluster).doesNotContainKey("apiServer");
    assertThat(at(join, "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isEqualTo("10.0.0.11:6443");
    assertThat(at(join, "nodeRegistration", "ignorePreflightErrors")).isNull();
  }

  @Test
  void render_withoutEndpointBracketsIpv6Address() {
    Node controlPlane = Node.controlPlane("cp-1", "fd00::11/64");
    Node worker = Node.worker("worker-1", "fd00::21/64");
    ClusterTopology topology = singleControlPlane(controlPlane, worker);
    Map<String, Object> join =
        documents(KubeadmConfigRenderer.render(topology, worker, SECRETS)).get(0);

    assertThat(at(join, "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isEqualTo("[fd00::11]:6443");
    assertThat(at(join, "nodeRegistration", "kubeletExtraArgs", 0, "value")).isEqualTo("fd00::21");
  }

  @Test
  void render_externalEtcd() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .etcd(
                EtcdTopology.external()
                    .addEndpoints("https://10.0.1.11:2379", "https://10.0.1.12:2379")
                    .caFile("/etc/kubernetes/pki/etcd/ca.crt")
                    .certFile("/etc/kubernetes/pki/apiserver-etcd-client.crt")
                    .keyFile("/etc/kubernetes/pki/apiserver-etcd-client.key")
                    .build())
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(cluster.get("etcd"))
        .isEqualTo(
            Map.of(
                "external",
                Map.of(
                    "endpoints", List.of("https://10.0.1.11:2379", "https://10.0.1.12:2379"),
                    "caFile", "/etc/kubernetes/pki/etcd/ca.crt",
                    "certFile", "/etc/kubernetes/pki/apiserver-etcd-client.crt",
                    "keyFile", "/etc/kubernetes/pki/apiserver-etcd-client.key")));
  }

  @Test
  void render_externalEtcdWithoutTlsFiles() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .etcd(
                EtcdTopology.external()
                    .addEndpoints("http://10.0.1.11:2379")
                    .clearTlsFiles()
                    .build())
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(cluster.get("etcd"))
        .isEqualTo(Map.of("external", Map.of("endpoints", List.of("http://10.0.1.11:2379"))));
  }

  @Test
  void render_dualStackSubnetsCommaJoinedInOrder() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .networking(
                Networking.builder()
                    .podSubnet("10.244.0.0/16")
                    .podSubnet("fd00:10:244::/56")
                    .serviceSubnet("10.96.0.0/12")
                    .serviceSubnet("fd00:10:96::/108")
                    .build())
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(at(cluster, "networking", "podSubnet")).isEqualTo("10.244.0.0/16,fd00:10:244::/56");
    assertThat(at(cluster, "networking", "serviceSubnet"))
        .isEqualTo("10.96.0.0/12,fd00:10:96::/108");
    assertThat(cluster).doesNotContainKey("controllerManager");
  }

  @Test
  void render_withoutPodSubnetOmitsIt() {
    ClusterTopology topology = haTopology("v1.33.4").networking(Networking.defaults()).build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(cluster.get("networking"))
        .isEqualTo(Map.of("dnsDomain", "cluster.local", "serviceSubnet", "10.96.0.0/12"));
  }

  @Test
  void render_nodeMaskSizesAsControllerManagerListArgs() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .networking(
                Networking.builder()
                    .podSubnet("10.244.0.0/16")
                    .podSubnet("fd00:10:244::/56")
                    .serviceSubnet("10.96.0.0/12")
                    .serviceSubnet("fd00:10:96::/108")
                    .nodeCidrMaskSizeIpv4(25)
                    .nodeCidrMaskSizeIpv6(72)
                    .build())
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(at(cluster, "controllerManager", "extraArgs"))
        .isEqualTo(
            List.of(
                Map.of("name", "node-cidr-mask-size-ipv4", "value", "25"),
                Map.of("name", "node-cidr-mask-size-ipv6", "value", "72")));
  }

  @Test
  void render_nodeMaskSizeAsControllerManagerMapArgInV1beta3() {
    ClusterTopology topology =
        haTopology("v1.30.5")
            .networking(
                Networking.builder().podSubnet("10.244.0.0/16").nodeCidrMaskSizeIpv4(26).build())
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(at(cluster, "controllerManager", "extraArgs"))
        .isEqualTo(Map.of("node-cidr-mask-size-ipv4", "26"));
  }

  @Test
  void render_nodeMaskSizeOfFamilyWithoutPodsOmitted() {
    ClusterTopology topology =
        haTopology("v1.33.4")
            .networking(
                Networking.builder().podSubnet("10.244.0.0/16").nodeCidrMaskSizeIpv6(72).build())
            .build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(cluster).doesNotContainKey("controllerManager");
  }

  @Test
  void render_rejectsMissingCertificateKey() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    ClusterSecrets incomplete = ClusterSecrets.builder().bootstrapToken(TOKEN).build();

    assertThatThrownBy(() -> KubeadmConfigRenderer.render(topology, CP_2, incomplete))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the certificate key is missing: complete the secrets with"
                + " ClusterSecrets.completedWith(SecureRandom) before rendering");
  }

  @Test
  void render_rejectsNodeOutsideTopology() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    Node stranger = Node.worker("worker-9", "10.0.0.29/24");

    assertThatThrownBy(() -> KubeadmConfigRenderer.render(topology, stranger, SECRETS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "node 'worker-9' is not part of topology 'prod-eu1': render only nodes taken from"
                + " topology.nodes()");
  }

  private static final Node ETCD_1 = Node.etcd("etcd-1", "10.0.1.11/24");
  private static final Node ETCD_2 = Node.etcd("etcd-2", "10.0.1.12/24");
  private static final Node ETCD_3 = Node.etcd("etcd-3", "10.0.1.13/24");

  private static ClusterTopology externalEtcdTopology(String version) {
    return haTopology(version)
        .addNodes(ETCD_1, ETCD_2, ETCD_3)
        .etcd(EtcdTopology.external().build())
        .build();
  }

  private static final String ETCD_HOST_V1BETA4 =
      """
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: InitConfiguration
      localAPIEndpoint:
        advertiseAddress: 10.0.1.12
      nodeRegistration:
        name: etcd-2
        criSocket: unix:///var/run/containerd/containerd.sock
      ---
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: ClusterConfiguration
      kubernetesVersion: v1.33.4
      clusterName: prod-eu1
      imageRepository: registry.k8s.io
      etcd:
        local:
          dataDir: /var/lib/etcd
          extraArgs:
            - name: advertise-client-urls
              value: https://10.0.1.12:2379
            - name: initial-advertise-peer-urls
              value: https://10.0.1.12:2380
            - name: initial-cluster
              value: "etcd-1=https://10.0.1.11:2380,etcd-2=https://10.0.1.12:2380,etcd-3=https://10.0.1.13:2380"
            - name: initial-cluster-state
              value: new
            - name: listen-client-urls
              value: https://10.0.1.12:2379
            - name: listen-peer-urls
              value: https://10.0.1.12:2380
            - name: name
              value: etcd-2
          serverCertSANs:
            - 10.0.1.12
          peerCertSANs:
            - 10.0.1.12
      """;

  @Test
  void render_etcdHostV1beta4() {
    ClusterTopology topology = externalEtcdTopology("v1.33.4");

    assertThat(KubeadmConfigRenderer.render(topology, ETCD_2, SECRETS))
        .isEqualTo(ETCD_HOST_V1BETA4);
  }

  @Test
  void render_etcdHostV1beta3WritesArgsAsMap() {
    ClusterTopology topology = externalEtcdTopology("v1.30.5");
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, ETCD_1, SECRETS)).get(1);

    assertThat(at(cluster, "apiVersion")).isEqualTo("kubeadm.k8s.io/v1beta3");
    assertThat(at(cluster, "etcd", "local", "extraArgs"))
        .isEqualTo(
            Map.of(
                "name", "etcd-1",
                "initial-cluster",
                    "etcd-1=https://10.0.1.11:2380,etcd-2=https://10.0.1.12:2380,"
                        + "etcd-3=https://10.0.1.13:2380",
                "initial-cluster-state", "new",
                "initial-advertise-peer-urls", "https://10.0.1.11:2380",
                "listen-peer-urls", "https://10.0.1.11:2380",
                "listen-client-urls", "https://10.0.1.11:2379",
                "advertise-client-urls", "https://10.0.1.11:2379"));
  }

  @Test
  void render_etcdHostsShareInitialCluster() {
    ClusterTopology topology = externalEtcdTopology("v1.30.5");
    List<Object> initialClusters =
        List.of(ETCD_1, ETCD_2, ETCD_3).stream()
            .map(host -> documents(KubeadmConfigRenderer.render(topology, host, SECRETS)).get(1))
            .map(cluster -> at(cluster, "etcd", "local", "extraArgs", "initial-cluster"))
            .toList();

    assertThat(initialClusters).containsOnly(initialClusters.get(0));
  }

  @Test
  void render_etcdHostBracketsIpv6Urls() {
    Node host = Node.etcd("etcd-1", "fd00:1::11/64");
    ClusterTopology topology =
        haTopology("v1.30.5").addNodes(host).etcd(EtcdTopology.external().build()).build();
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, host, SECRETS)).get(1);

    assertThat(at(cluster, "etcd", "local", "extraArgs", "initial-cluster"))
        .isEqualTo("etcd-1=https://[fd00:1::11]:2380");
    assertThat(at(cluster, "etcd", "local", "extraArgs", "listen-client-urls"))
        .isEqualTo("https://[fd00:1::11]:2379");
    assertThat(at(cluster, "etcd", "local", "serverCertSANs")).isEqualTo(List.of("fd00:1::11"));
  }

  @Test
  void render_controlPlaneUsesEtcdHostsAsExternalEndpoints() {
    ClusterTopology topology = externalEtcdTopology("v1.33.4");
    Map<String, Object> cluster =
        documents(KubeadmConfigRenderer.render(topology, CP_1, SECRETS)).get(1);

    assertThat(cluster.get("etcd"))
        .isEqualTo(
            Map.of(
                "external",
                Map.of(
                    "endpoints",
                    List.of(
                        "https://10.0.1.11:2379",
                        "https://10.0.1.12:2379",
                        "https://10.0.1.13:2379"),
                    "caFile",
                    "/etc/kubernetes/pki/etcd/ca.crt",
                    "certFile",
                    "/etc/kubernetes/pki/apiserver-etcd-client.crt",
                    "keyFile",
                    "/etc/kubernetes/pki/apiserver-etcd-client.key")));
    assertThat(at(cluster, "apiServer")).isEqualTo(Map.of("certSANs", List.of("10.0.0.100")));
  }

  @Test
  void render_joinsPinClusterCa() {
    ClusterTopology topology = haTopology("v1.33.4").build();
    ClusterSecrets withCa =
        SECRETS.withClusterCa(
            CertificateAuthority.of(read("rsa-ca.crt"), Secret.of(read("rsa-ca.key"))));

    for (Node node : List.of(CP_2, WORKER_1)) {
      Map<String, Object> join =
          documents(KubeadmConfigRenderer.render(topology, node, withCa)).get(0);

      assertThat(at(join, "discovery", "bootstrapToken"))
          .isEqualTo(
              Map.of(
                  "token",
                  TOKEN,
                  "apiServerEndpoint",
                  "10.0.0.100:8443",
                  "caCertHashes",
                  List.of(
                      "sha256:59012b14bfe59b9c2ebe0291f85c91ea03a8056010a10782720d5a493a5929dc")));
    }
  }

  private static String read(String fixture) {
    try {
      return Files.readString(Path.of(System.getProperty("kubetopology.testCaDir"), fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void render_rejectsLoadBalancerOnlyNode() {
    Node lbHost =
        Node.builder().name("lb-1").address("10.0.0.5/24").addRole(Role.LOAD_BALANCER).build();
    ClusterTopology topology = haTopology("v1.33.4").addNodes(lbHost).build();

    assertThatThrownBy(() -> KubeadmConfigRenderer.render(topology, lbHost, SECRETS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "node 'lb-1' has roles [LOAD_BALANCER] but kubeadm-config.yaml is rendered only for"
                + " nodes that run kubeadm init or join and for etcd hosts: add"
                + " Role.CONTROL_PLANE, Role.WORKER or Role.ETCD, or skip this node");
  }

  @Test
  void render_rejectsTopologyWithoutControlPlane() {
    Node worker = Node.worker("worker-1", "10.0.0.21/24");
    ClusterTopology topology =
        ClusterTopology.builder().name("lab").kubernetesVersion("v1.33.4").addNodes(worker).build();

    assertThatThrownBy(() -> KubeadmConfigRenderer.render(topology, worker, SECRETS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "topology 'lab' has no control-plane node: add one with Node.controlPlane(name,"
                + " address) before rendering kubeadm configuration");
  }

  @Test
  void render_rejectsUnsupportedVersion() {
    ClusterTopology topology = haTopology("v1.26.15").build();

    assertThatThrownBy(() -> KubeadmConfigRenderer.render(topology, CP_1, SECRETS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unsupported Kubernetes version 'v1.26.15'");
  }

  @Test
  void isInitNode_firstControlPlaneInOrder() {
    ClusterTopology topology =
        ClusterTopology.builder()
            .name("prod-eu1")
            .kubernetesVersion("v1.33.4")
            .addNodes(WORKER_1, CP_3, CP_1)
            .build();

    assertThat(KubeadmConfigRenderer.isInitNode(topology, CP_3)).isTrue();
    assertThat(KubeadmConfigRenderer.isInitNode(topology, CP_1)).isFalse();
    assertThat(KubeadmConfigRenderer.isInitNode(topology, WORKER_1)).isFalse();
    assertThat(documents(KubeadmConfigRenderer.render(topology, CP_3, SECRETS)).get(0))
        .containsEntry("kind", "InitConfiguration");
  }

  @Test
  void isInitNode_falseWithoutControlPlane() {
    ClusterTopology topology =
        ClusterTopology.builder()
            .name("lab")
            .kubernetesVersion("v1.33.4")
            .addNodes(WORKER_1)
            .build();

    assertThat(KubeadmConfigRenderer.isInitNode(topology, WORKER_1)).isFalse();
  }
}
