package io.kubetopology.render;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived.Placement;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.validate.TopologyValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Topologies shared by the render tests. */
final class TestTopologies {
  static final String TOKEN = "abcdef.0123456789abcdef";
  static final String CERTIFICATE_KEY =
      "3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998";
  static final String VRRP_PASSWORD = "s3cret12";

  private TestTopologies() {}

  static ClusterSecrets fixedSecrets() {
    return ClusterSecrets.builder()
        .bootstrapToken(TOKEN)
        .certificateKey(CERTIFICATE_KEY)
        .vrrpPassword(VRRP_PASSWORD)
        .build();
  }

  /** Three control planes behind haproxy and keepalived, two workers, fixed secrets. */
  static ClusterTopology stackedHa(String version) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24"),
            Node.worker("worker-2", "10.0.0.22/24"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .secrets(fixedSecrets())
        .build();
  }

  static ClusterTopology stackedHa() {
    return stackedHa("v1.33.4");
  }

  /**
   * The stacked HA topology with external etcd on three etcd hosts, etcd-1..3 at 10.0.1.11-13/24.
   */
  static ClusterTopology externalEtcd(String version) {
    List<Node> nodes = new ArrayList<>(stackedHa(version).nodes());
    nodes.add(Node.etcd("etcd-1", "10.0.1.11/24"));
    nodes.add(Node.etcd("etcd-2", "10.0.1.12/24"));
    nodes.add(Node.etcd("etcd-3", "10.0.1.13/24"));
    return stackedHa(version).withNodes(nodes).withEtcd(EtcdTopology.external().build());
  }

  static ClusterTopology externalEtcd() {
    return externalEtcd("v1.33.4");
  }

  /** The external etcd topology with every address in IPv6, in fd00::/64 and fd00:1::/64. */
  static ClusterTopology externalEtcdIpv6() {
    return ClusterTopology.builder()
        .name("prod-v6")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "fd00::11/64"),
            Node.controlPlane("cp-2", "fd00::12/64"),
            Node.controlPlane("cp-3", "fd00::13/64"),
            Node.worker("worker-1", "fd00::21/64"),
            Node.etcd("etcd-1", "fd00:1::11/64"),
            Node.etcd("etcd-2", "fd00:1::12/64"),
            Node.etcd("etcd-3", "fd00:1::13/64"))
        .etcd(EtcdTopology.external().build())
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("fd00::100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(
            Networking.builder()
                .podSubnet("fd00:10:244::/56")
                .serviceSubnet("fd00:10:96::/108")
                .build())
        .secrets(fixedSecrets())
        .build();
  }

  /**
   * Returns three control planes, two workers and two load-balancer hosts in {@code prefix}.0/24 or
   * {@code prefix}/64, with the first access kind and a cluster CA; only the access changes between
   * the variants.
   */
  static ClusterTopology variantBase(boolean ipv6) {
    return ClusterTopology.builder()
        .name("variants")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", address(ipv6, 11)),
            Node.controlPlane("cp-2", address(ipv6, 12)),
            Node.controlPlane("cp-3", address(ipv6, 13)),
            Node.worker("worker-1", address(ipv6, 21)),
            Node.worker("worker-2", address(ipv6, 22)),
            loadBalancerHost("lb-1", address(ipv6, 31)),
            loadBalancerHost("lb-2", address(ipv6, 32)))
        .apiEndpoint(variants(ipv6).values().iterator().next())
        .networking(
            ipv6 ? ipv6Networking() : Networking.builder().podSubnet("10.244.0.0/16").build())
        .secrets(fixedSecrets().withClusterCa(TestCas.rsaCa()))
        .build();
  }

  private static Networking ipv6Networking() {
    return Networking.builder()
        .podSubnet("fd00:10:244::/56")
        .serviceSubnet("fd00:10:96::/108")
        .build();
  }

  /** Returns the six ways to reach the apiservers, by name, in the order the README lists them. */
  static Map<String, ApiEndpointAccess> variants(boolean ipv6) {
    String vip = ipv6 ? "fd00::100" : "10.0.0.100";
    Map<String, ApiEndpointAccess> variants = new LinkedHashMap<>();
    variants.put(
        "static pods",
        ApiEndpointAccess.haproxyKeepalived().virtualIp(vip).interfaceName("eth0").build());
    variants.put(
        "os services",
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp(vip)
            .interfaceName("eth0")
            .placement(Placement.OS_SERVICES)
            .unicast(true)
            .build());
    variants.put(
        "load-balancer hosts",
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp(vip)
            .interfaceName("eth0")
            .placement(Placement.LOAD_BALANCER_HOSTS)
            .frontendPort(6443)
            .bindToVirtualIp(true)
            .unicast(true)
            .preempt(false)
            .build());
    variants.put(
        "kube-vip", ApiEndpointAccess.kubeVip().virtualIp(vip).interfaceName("eth0").build());
    variants.put(
        "external load balancer",
        ApiEndpointAccess.externalLoadBalancer().host("api.variants.example.com").build());
    variants.put(
        "worker local proxy",
        ApiEndpointAccess.externalLoadBalancer()
            .host("api.variants.example.com")
            .workerLocalProxyPort(6443)
            .build());
    return variants;
  }

  /**
   * Returns a renderer that accepts lb-1 and lb-2 in every variant, so that the variants differ in
   * their access only.
   */
  static BundleRenderer variantRenderer() {
    return BundleRenderer.withValidator(
        TopologyValidator.builder()
            .addStandardRules()
            .suppress(
                "LOAD_BALANCER_ROLE_UNUSED",
                "lb-1 and lb-2 stay in every variant so that only apiEndpoint changes")
            .build());
  }

  private static Node loadBalancerHost(String name, String address) {
    return Node.builder().name(name).address(address).addRole(Role.LOAD_BALANCER).build();
  }

  private static String address(boolean ipv6, int host) {
    return ipv6 ? "fd00::" + host + "/64" : "10.0.0." + host + "/24";
  }
}
