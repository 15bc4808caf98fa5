package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticPodRendererTest {

  private static final String HAPROXY_YAML =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        labels:
          component: haproxy
          tier: control-plane
        name: haproxy
        namespace: kube-system
      spec:
        containers:
          - image: docker.io/library/haproxy:2.8.5
            imagePullPolicy: IfNotPresent
            livenessProbe:
              failureThreshold: 8
              tcpSocket:
                host: 127.0.0.1
                port: 8443
            name: haproxy
            securityContext:
              allowPrivilegeEscalation: false
              capabilities:
                drop:
                  - ALL
            volumeMounts:
              - mountPath: /usr/local/etc/haproxy/haproxy.cfg
                name: haproxy-config
                readOnly: true
        hostNetwork: true
        priorityClassName: system-node-critical
        volumes:
          - hostPath:
              path: /etc/haproxy/haproxy.cfg
              type: File
            name: haproxy-config
      """;

  private static final String KEEPALIVED_YAML =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        labels:
          component: keepalived
          tier: control-plane
        name: keepalived
        namespace: kube-system
      spec:
        containers:
          - env:
              - name: KEEPALIVED_VIRTUAL_IPS
                value: "#PYTHON2BASH:['10.0.0.100']"
              - name: KEEPALIVED_COMMAND_LINE_ARGUMENTS
                value: --log-detail
            image: docker.io/osixia/keepalived:2.0.20
            imagePullPolicy: IfNotPresent
            name: keepalived
            securityContext:
              capabilities:
                add:
                  - NET_ADMIN
                  - NET_BROADCAST
                  - NET_RAW
            volumeMounts:
              - mountPath: /usr/local/etc/keepalived/keepalived.conf
                name: keepalived-config
                readOnly: true
              - mountPath: /etc/keepalived/check_apiserver.sh
                name: check-apiserver
                readOnly: true
        hostNetwork: true
        priorityClassName: system-node-critical
        volumes:
          - hostPath:
              path: /etc/keepalived/keepalived.conf
              type: File
            name: keepalived-config
          - hostPath:
              path: /etc/keepalived/check_apiserver.sh
              type: File
            name: check-apiserver
      """;

  @Test
  void haproxy_yaml() {
    ClusterTopology topology = topology("10.0.0.100", 8443, ImageSettings.defaults());

    String yaml =
        StaticPodRenderer.toYaml(StaticPodRenderer.haproxy(topology, loadBalancer(topology)));

    assertThat(yaml).isEqualTo(HAPROXY_YAML);
  }

  @Test
  void keepalived_yaml() {
    ClusterTopology topology = topology("10.0.0.100", 8443, ImageSettings.defaults());

    String yaml =
        StaticPodRenderer.toYaml(StaticPodRenderer.keepalived(topology, loadBalancer(topology)));

    assertThat(yaml).isEqualTo(KEEPALIVED_YAML);
  }

  @Test
  void haproxy_readBackEqualsRendered() {
    for (int port : List.of(8443, 443)) {
      ClusterTopology topology = topology("10.0.0.100", port, ImageSettings.defaults());
      Pod pod = StaticPodRenderer.haproxy(topology, loadBalancer(topology));

      Pod readBack = Yaml.read(StaticPodRenderer.toYaml(pod), Pod.class);

      assertThat(readBack).as("haproxy pod for port %d", port).isEqualTo(pod);
    }
  }

  @Test
  void keepalived_readBackEqualsRendered() {
    for (String virtualIp : List.of("10.0.0.100", "fd00::100")) {
      ClusterTopology topology = topology(virtualIp, 8443, ImageSettings.defaults());
      Pod pod = StaticPodRenderer.keepalived(topology, loadBalancer(topology));

      Pod readBack = Yaml.read(StaticPodRenderer.toYaml(pod), Pod.class);

      assertThat(readBack).as("keepalived pod for %s", virtualIp).isEqualTo(pod);
    }
  }

  @Test
  void haproxy_privilegedPort_addsBindCapability() {
    ClusterTopology topology = topology("10.0.0.100", 443, ImageSettings.defaults());

    SecurityContext context =
        container(StaticPodRenderer.haproxy(topology, loadBalancer(topology))).getSecurityContext();

    assertThat(context.getRunAsUser()).isZero();
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
  }

  @Test
  void haproxy_unprivilegedPort_keepsImageUser() {
    ClusterTopology topology = topology("10.0.0.100", 1024, ImageSettings.defaults());

    SecurityContext context =
        container(StaticPodRenderer.haproxy(topology, loadBalancer(topology))).getSecurityContext();

    assertThat(context.getRunAsUser()).isNull();
    assertThat(context.getCapabilities().getAdd()).isEmpty();
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void haproxy_ipv6_probesIpv6Loopback() {
    ClusterTopology topology = topology("fd00::100", 9443, ImageSettings.defaults());

    Container container = container(StaticPodRenderer.haproxy(topology, loadBalancer(topology)));

    assertThat(container.getLivenessProbe().getTcpSocket().getHost()).isEqualTo("::1");
    assertThat(container.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9443);
  }

  @Test
  void keepalived_ipv6_namesVirtualIpForImageCleanup() {
    ClusterTopology topology = topology("fd00::100", 8443, ImageSettings.defaults());

    Container container = container(StaticPodRenderer.keepalived(topology, loadBalancer(topology)));

    assertThat(container.getEnv().get(0).getName()).isEqualTo("KEEPALIVED_VIRTUAL_IPS");
    assertThat(container.getEnv().get(0).getValue()).isEqualTo("#PYTHON2BASH:['fd00::100']");
  }

  @Test
  void pods_useConfiguredImages() {
    ImageSettings images =
        ImageSettings.builder()
            .haproxyImage("registry.example/haproxy:2.8.14")
            .keepalivedImage("registry.example/keepalived:2.0.20")
            .build();
    ClusterTopology topology = topology("10.0.0.100", 8443, images);

    Container haproxy = container(StaticPodRenderer.haproxy(topology, loadBalancer(topology)));
    Container keepalived =
        container(StaticPodRenderer.keepalived(topology, loadBalancer(topology)));

    assertThat(haproxy.getImage()).isEqualTo("registry.example/haproxy:2.8.14");
    assertThat(keepalived.getImage()).isEqualTo("registry.example/keepalived:2.0.20");
  }

  @Test
  void pods_mountFilesFromNodePaths() {
    ClusterTopology topology = topology("10.0.0.100", 8443, ImageSettings.defaults());

    Pod haproxy = StaticPodRenderer.haproxy(topology, loadBalancer(topology));
    Pod keepalived = StaticPodRenderer.keepalived(topology, loadBalancer(topology));

    assertThat(haproxy.getSpec().getVolumes().get(0).getHostPath().getPath())
        .isEqualTo(NodePaths.HAPROXY_CONFIG);
    assertThat(keepalived.getSpec().getVolumes().get(0).getHostPath().getPath())
        .isEqualTo(NodePaths.KEEPALIVED_CONFIG);
    assertThat(keepalived.getSpec().getVolumes().get(1).getHostPath().getPath())
        .isEqualTo(NodePaths.CHECK_APISERVER_SCRIPT);
  }

  @Test
  void workerProxy_yaml() {
    ClusterTopology topology = topology("10.0.0.100", 8443, ImageSettings.defaults());
    Node worker = Node.worker("worker-1", "10.0.0.21/24");

    String yaml = StaticPodRenderer.toYaml(StaticPodRenderer.workerProxy(topology, worker, 6443));

    assertThat(yaml)
        .isEqualTo(
            HAPROXY_YAML
                .replace("tier: control-plane", "tier: node")
                .replace("port: 8443", "port: 6443"));
  }

  @Test
  void workerProxy_ipv6WorkerProbesIpv6Loopback() {
    ClusterTopology topology = topology("fd00::100", 8443, ImageSettings.defaults());
    Node worker = Node.worker("worker-1", "fd00::21/64");

    Pod pod = StaticPodRenderer.workerProxy(topology, worker, 6443);

    assertThat(container(pod).getLivenessProbe().getTcpSocket().getHost()).isEqualTo("::1");
    assertThat(Yaml.read(StaticPodRenderer.toYaml(pod), Pod.class)).isEqualTo(pod);
  }

  private static Container container(Pod pod) {
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    return pod.getSpec().getContainers().get(0);
  }

  private static ClusterTopology topology(String virtualIp, int port, ImageSettings images) {
    boolean ipv4 = !virtualIp.contains(":");
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", ipv4 ? "10.0.0.11/24" : "fd00::11/64"),
            Node.controlPlane("cp-2", ipv4 ? "10.0.0.12/24" : "fd00::12/64"),
            Node.controlPlane("cp-3", ipv4 ? "10.0.0.13/24" : "fd00::13/64"))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp(virtualIp)
                .interfaceName("eth0")
                .frontendPort(port)
                .build())
        .images(images)
        .build();
  }

  private static HaproxyKeepalived loadBalancer(ClusterTopology topology) {
    return (HaproxyKeepalived) topology.apiEndpoint();
  }
}
