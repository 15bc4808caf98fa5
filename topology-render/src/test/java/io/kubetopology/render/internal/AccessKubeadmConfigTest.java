package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.HaproxyKeepalived.Placement;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks what each kind of API endpoint access changes in the kubeadm documents: the endpoint, the
 * apiserver certificate names and the preflight checks the joins skip.
 */
class AccessKubeadmConfigTest {
  private static final ClusterSecrets SECRETS =
      ClusterSecrets.builder()
          .bootstrapToken("abcdef.0123456789abcdef")
          .certificateKey("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
          .vrrpPassword("vrrp1234")
          .build();

  private static final Node CP_1 = Node.controlPlane("cp-1", "10.0.0.11/24");
  private static final Node CP_2 = Node.controlPlane("cp-2", "10.0.0.12/24");
  private static final Node CP_3 = Node.controlPlane("cp-3", "10.0.0.13/24");
  private static final Node WORKER_1 = Node.worker("worker-1", "10.0.0.21/24");
  private static final Node LB_1 = loadBalancerHost("lb-1", "10.0.0.31/24");
  private static final Node LB_2 = loadBalancerHost("lb-2", "10.0.0.32/24");

  private static final String DIR_AVAILABLE = "DirAvailable--etc-kubernetes-manifests";

  private static Node loadBalancerHost(String name, String address) {
    return Node.builder().name(name).address(address).addRole(Role.LOAD_BALANCER).build();
  }

  private static HaproxyKeepalived.Builder haproxyKeepalived() {
    return ApiEndpointAccess.haproxyKeepalived()
        .virtualIp("10.0.0.100")
        .interfaceName("eth0")
        .frontendPort(8443);
  }

  private static ClusterTopology topology(ApiEndpointAccess access, Node... extraNodes) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(CP_1, CP_2, CP_3, WORKER_1)
        .addNodes(extraNodes)
        .apiEndpoint(access)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> document(ClusterTopology topology, Node node, int index) {
    String text = KubeadmConfigRenderer.render(topology, node, SECRETS);
    return Arrays.stream(text.split("(?m)^---\n"))
        .map(document -> (Map<String, Object>) Yaml.read(document, Map.class))
        .toList()
        .get(index);
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> tree, String... path) {
    Object current = tree;
    for (String key : path) {
      current = current == null ? null : ((Map<String, Object>) current).get(key);
    }
    return current;
  }

  private static Object certSans(ClusterTopology topology) {
    return at(document(topology, CP_1, 1), "apiServer", "certSANs");
  }

  private static Object ignored(ClusterTopology topology, Node node) {
    return at(document(topology, node, 0), "nodeRegistration", "ignorePreflightErrors");
  }

  @Test
  void osServices_joinsKeepManifestsCheck() {
    ClusterTopology topology =
        topology(haproxyKeepalived().placement(Placement.OS_SERVICES).build());

    assertThat(ignored(topology, CP_2)).isNull();
    assertThat(ignored(topology, WORKER_1)).isNull();
    assertThat(document(topology, CP_1, 1).get("controlPlaneEndpoint"))
        .isEqualTo("10.0.0.100:8443");
  }

  @Test
  void staticPods_controlPlaneJoinsSkipManifestsCheck() {
    ClusterTopology topology = topology(haproxyKeepalived().build());

    assertThat(ignored(topology, CP_2)).isEqualTo(List.of(DIR_AVAILABLE));
    assertThat(ignored(topology, WORKER_1)).isNull();
  }

  @Test
  void loadBalancerHosts_certSansNameEveryHost() {
    HaproxyKeepalived lb =
        haproxyKeepalived().placement(Placement.LOAD_BALANCER_HOSTS).frontendPort(6443).build();
    ClusterTopology topology = topology(lb, LB_1, LB_2);

    assertThat(certSans(topology))
        .isEqualTo(List.of("10.0.0.100", "10.0.0.31", "10.0.0.32", "lb-1", "lb-2"));
    assertThat(ignored(topology, CP_2)).isNull();
    assertThat(document(topology, CP_1, 1).get("controlPlaneEndpoint"))
        .isEqualTo("10.0.0.100:6443");
  }

  @Test
  void loadBalancerHosts_bindToVirtualIpOmitsHostSans() {
    HaproxyKeepalived lb =
        haproxyKeepalived().placement(Placement.LOAD_BALANCER_HOSTS).bindToVirtualIp(true).build();

    assertThat(certSans(topology(lb, LB_1, LB_2))).isEqualTo(List.of("10.0.0.100"));
  }

  @Test
  void kubeVip_endpointUsesApiserverPort() {
    ClusterTopology topology =
        topology(ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").interfaceName("eth0").build());

    assertThat(document(topology, CP_1, 1).get("controlPlaneEndpoint"))
        .isEqualTo("10.0.0.100:6443");
    assertThat(certSans(topology)).isEqualTo(List.of("10.0.0.100"));
    assertThat(ignored(topology, CP_2)).isEqualTo(List.of(DIR_AVAILABLE));
    assertThat(ignored(topology, WORKER_1)).isNull();
  }

  @Test
  void externalLoadBalancer_joinsKeepManifestsCheck() {
    ClusterTopology topology =
        topology(ApiEndpointAccess.externalLoadBalancer().host("api.prod.example.com").build());

    assertThat(document(topology, CP_1, 1).get("controlPlaneEndpoint"))
        .isEqualTo("api.prod.example.com:6443");
    assertThat(certSans(topology)).isEqualTo(List.of("api.prod.example.com"));
    assertThat(ignored(topology, CP_2)).isNull();
    assertThat(at(document(topology, CP_2, 0), "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isEqualTo("api.prod.example.com:6443");
  }

  @Test
  void externalLoadBalancer_bracketsIpv6Endpoint() {
    ClusterTopology topology =
        topology(ApiEndpointAccess.externalLoadBalancer().host("fd00::100").port(443).build());

    assertThat(document(topology, CP_1, 1).get("controlPlaneEndpoint"))
        .isEqualTo("[fd00::100]:443");
    assertThat(certSans(topology)).isEqualTo(List.of("fd00::100"));
  }

  @Test
  void workerLocalProxy_discoveryKeepsEndpoint() {
    ClusterTopology topology =
        topology(
            ApiEndpointAccess.externalLoadBalancer()
                .host("api.prod.example.com")
                .workerLocalProxyPort(6443)
                .build());
    Map<String, Object> join = document(topology, WORKER_1, 0);

    assertThat(at(join, "discovery", "bootstrapToken", "apiServerEndpoint"))
        .isEqualTo("api.prod.example.com:6443");
    assertThat(ignored(topology, WORKER_1)).isEqualTo(List.of(DIR_AVAILABLE));
    assertThat(ignored(topology, CP_2)).isNull();
    assertThat(certSans(topology)).isEqualTo(List.of("127.0.0.1", "api.prod.example.com"));
  }

  @Test
  void workerLocalProxy_ipv6WorkerAddsIpv6Loopback() {
    ClusterTopology topology =
        topology(
            haproxyKeepalived().workerLocalProxyPort(6443).build(),
            Node.worker("worker-2", "fd00::22/64"));

    assertThat(certSans(topology)).isEqualTo(List.of("10.0.0.100", "127.0.0.1", "::1"));
  }
}
