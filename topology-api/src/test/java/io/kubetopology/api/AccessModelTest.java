package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.HaproxyKeepalived.Placement;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessModelTest {
  private static final Node CP_1 = Node.controlPlane("cp-1", "10.0.0.11/24");
  private static final Node CP_2 = Node.controlPlane("cp-2", "10.0.0.12/24");
  private static final Node WORKER_1 = Node.worker("worker-1", "10.0.0.21/24");
  private static final Node LB_1 =
      Node.builder().name("lb-1").address("10.0.0.31/24").addRole(Role.LOAD_BALANCER).build();

  private static ClusterTopology topology(ApiEndpointAccess access) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(CP_1, CP_2, WORKER_1, LB_1)
        .apiEndpoint(access)
        .build();
  }

  @Test
  void haproxyKeepalived_newAttributesDefaultToStaticPods() {
    HaproxyKeepalived lb = ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100").build();

    assertThat(lb.placement()).isEqualTo(Placement.STATIC_PODS);
    assertThat(lb.runsOnControlPlanes()).isTrue();
    assertThat(lb.bindToVirtualIp()).isFalse();
    assertThat(lb.preempt()).isTrue();
    assertThat(lb.workerLocalProxyPort()).isEmpty();
  }

  @Test
  void haproxyKeepalived_holdersFollowPlacement() {
    HaproxyKeepalived onControlPlanes =
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp("10.0.0.100")
            .placement(Placement.OS_SERVICES)
            .build();
    HaproxyKeepalived onHosts = onControlPlanes.withPlacement(Placement.LOAD_BALANCER_HOSTS);

    assertThat(onControlPlanes.virtualIpHolders(topology(onControlPlanes)))
        .containsExactly(CP_1, CP_2);
    assertThat(onHosts.virtualIpHolders(topology(onHosts))).containsExactly(LB_1);
    assertThat(onHosts.runsOnControlPlanes()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65536})
  void haproxyKeepalived_rejectsWorkerLocalProxyPortOutOfRange(int port) {
    HaproxyKeepalived.Builder builder =
        ApiEndpointAccess.haproxyKeepalived().virtualIp("10.0.0.100").workerLocalProxyPort(port);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "worker local proxy port '"
                + port
                + "' is outside 1-65535: choose a TCP port in that range");
  }

  @Test
  void kubeVip_hasKubeVipDefaults() {
    KubeVip kubeVip = ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").build();

    assertThat(kubeVip.kind()).isEqualTo(ApiEndpointAccess.Kind.KUBE_VIP);
    assertThat(kubeVip.leaseDurationSeconds()).isEqualTo(5);
    assertThat(kubeVip.renewDeadlineSeconds()).isEqualTo(3);
    assertThat(kubeVip.retryPeriodSeconds()).isEqualTo(1);
    assertThat(kubeVip.interfaceName()).isEmpty();
    assertThat(kubeVip.workerLocalProxyPort()).isEmpty();
  }

  @Test
  void kubeVip_endpointUsesApiserverPort() {
    KubeVip kubeVip = ApiEndpointAccess.kubeVip().virtualIp("fd00::100").build();
    ClusterTopology topology = topology(kubeVip).withApiServerPort(7443);

    assertThat(topology.effectiveControlPlaneEndpoint().map(ControlPlaneEndpoint::toString))
        .contains("[fd00::100]:7443");
    assertThat(kubeVip.virtualIpHolders(topology)).containsExactly(CP_1, CP_2);
  }

  @Test
  void kubeVip_rejectsZeroRetryPeriod() {
    KubeVip.Builder builder =
        ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").retryPeriodSeconds(0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "kube-vip retry period '0' must be at least 1 second: kube-vip reads whole seconds");
  }

  @Test
  void kubeVip_interfaceForPrefersNodeInterface() {
    KubeVip kubeVip =
        ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").interfaceName("eth0").build();

    assertThat(kubeVip.interfaceFor(CP_1)).contains("eth0");
    assertThat(kubeVip.interfaceFor(CP_2.withInterfaceName("ens192"))).contains("ens192");
  }

  @Test
  void externalLoadBalancer_hasPassthroughDefaults() {
    ExternalLoadBalancer external =
        ApiEndpointAccess.externalLoadBalancer().host("api.prod.example.com").build();

    assertThat(external.kind()).isEqualTo(ApiEndpointAccess.Kind.EXTERNAL_LOAD_BALANCER);
    assertThat(external.port()).isEqualTo(6443);
    assertThat(external.tlsMode()).isEqualTo(ExternalLoadBalancer.TlsMode.PASSTHROUGH);
    assertThat(topology(external).effectiveControlPlaneEndpoint())
        .contains(ControlPlaneEndpoint.of("api.prod.example.com", 6443));
  }

  @Test
  void externalLoadBalancer_keepsWorkerLocalProxyPort() {
    ExternalLoadBalancer external =
        ApiEndpointAccess.externalLoadBalancer()
            .host("fd00::100")
            .port(443)
            .workerLocalProxyPort(6443)
            .build();

    assertThat(external.workerLocalProxyPort()).isEqualTo(OptionalInt.of(6443));
    assertThat(topology(external).effectiveControlPlaneEndpoint().map(Object::toString))
        .contains("[fd00::100]:443");
  }

  @Test
  void externalLoadBalancer_rejectsBlankHost() {
    ExternalLoadBalancer.Builder builder = ApiEndpointAccess.externalLoadBalancer().host(" ");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "external load balancer host must not be blank: give its DNS name or IP address");
  }

  @Test
  void externalLoadBalancer_rejectsBracketedHost() {
    ExternalLoadBalancer.Builder builder =
        ApiEndpointAccess.externalLoadBalancer().host("[fd00::100]");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "external load balancer host '[fd00::100]' has brackets: give an IPv6 address without"
                + " them, such as fd00::100");
  }

  @Test
  void externalLoadBalancer_rejectsPortOutOfRange() {
    ExternalLoadBalancer.Builder builder =
        ApiEndpointAccess.externalLoadBalancer().host("api.prod.example.com").port(0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "external load balancer port '0' is outside 1-65535: choose a TCP port in that range");
  }

  @Test
  void none_hasNoEndpointAndNoProxy() {
    ApiEndpointAccess none = ApiEndpointAccess.none();

    assertThat(none.endpoint(6443)).isEmpty();
    assertThat(none.workerLocalProxyPort()).isEmpty();
  }

  @Test
  void imageSettings_pinsKubeVipRelease() {
    assertThat(ImageSettings.defaults().kubeVipImage())
        .isEqualTo("ghcr.io/kube-vip/kube-vip:v0.9.2");
  }
}
