package io.kubetopology.render.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.KubernetesVersion;
import io.kubetopology.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeVipPodRendererTest {

  private static final String CP1_YAML =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        labels:
          component: kube-vip
          tier: control-plane
        name: kube-vip
        namespace: kube-system
      spec:
        containers:
          - args:
              - manager
            env:
              - name: vip_arp
                value: "true"
              - name: port
                value: "6443"
              - name: vip_nodename
                value: cp-1
              - name: vip_interface
                value: eth0
              - name: vip_subnet
                value: "32"
              - name: cp_enable
                value: "true"
              - name: cp_namespace
                value: kube-system
              - name: vip_leaderelection
                value: "true"
              - name: vip_leasename
                value: plndr-cp-lock
              - name: vip_leaseduration
                value: "5"
              - name: vip_renewdeadline
                value: "3"
              - name: vip_retryperiod
                value: "1"
              - name: address
                value: 10.0.0.100
            image: ghcr.io/kube-vip/kube-vip:v0.9.2
            imagePullPolicy: IfNotPresent
            name: kube-vip
            securityContext:
              capabilities:
                add:
                  - NET_ADMIN
                  - NET_RAW
                drop:
                  - ALL
            volumeMounts:
              - mountPath: /etc/kubernetes/admin.conf
                name: kubeconfig
                readOnly: true
        hostAliases:
          - hostnames:
              - kubernetes
            ip: 127.0.0.1
        hostNetwork: true
        priorityClassName: system-node-critical
        volumes:
          - hostPath:
              path: /etc/kubernetes/super-admin.conf
              type: File
            name: kubeconfig
      """;

  @TempDir Path work;

  @Test
  void render_firstControlPlaneMountsSuperAdminConf() {
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100");

    String yaml = StaticPodRenderer.toYaml(render(topology, "cp-1"));

    assertThat(yaml).isEqualTo(CP1_YAML);
  }

  @Test
  void render_joiningControlPlaneMountsAdminConf() {
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100");

    Pod pod = render(topology, "cp-2");

    assertThat(pod.getSpec().getVolumes().get(0).getHostPath().getPath())
        .isEqualTo("/etc/kubernetes/admin.conf");
    assertThat(env(pod, "vip_interface")).isEqualTo("ens192");
    assertThat(env(pod, "vip_nodename")).isEqualTo("cp-2");
  }

  @Test
  void render_before129FirstControlPlaneMountsAdminConf() {
    ClusterTopology topology = topology("v1.28.15", "10.0.0.100");

    Pod pod = render(topology, "cp-1");

    assertThat(pod.getSpec().getVolumes().get(0).getHostPath().getPath())
        .isEqualTo("/etc/kubernetes/admin.conf");
    assertThat(KubeVipPodRenderer.mountsSuperAdminConf(topology, node(topology, "cp-1"))).isFalse();
  }

  @Test
  void usesSuperAdminConf_from129On() {
    assertThat(KubeVipPodRenderer.usesSuperAdminConf(KubernetesVersion.parse("v1.28.15")))
        .isFalse();
    assertThat(KubeVipPodRenderer.usesSuperAdminConf(KubernetesVersion.parse("v1.29.0"))).isTrue();
    assertThat(KubeVipPodRenderer.usesSuperAdminConf(KubernetesVersion.parse("v1.33.4"))).isTrue();
  }

  @Test
  void render_portIsLocalApiserverPort() {
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100").withApiServerPort(7443);

    assertThat(env(render(topology, "cp-3"), "port")).isEqualTo("7443");
  }

  @Test
  void render_usesCurrentVariableNamesOnly() {
    Pod pod = render(topology("v1.33.4", "10.0.0.100"), "cp-1");
    List<String> names = container(pod).getEnv().stream().map(EnvVar::getName).toList();

    assertThat(names).contains("address", "vip_subnet");
    assertThat(names).doesNotContain("vip_cidr", "vip_address");
  }

  @Test
  void render_addsOnlyNetAdminAndNetRaw() {
    Container container = container(render(topology("v1.33.4", "10.0.0.100"), "cp-2"));

    assertThat(container.getSecurityContext().getCapabilities().getAdd())
        .containsExactly("NET_ADMIN", "NET_RAW");
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getPrivileged()).isNull();
  }

  @Test
  void render_ipv6VirtualIpUsesHostPrefix() {
    ClusterTopology topology = topology("v1.33.4", "fd00::100");

    Pod pod = render(topology, "cp-1");

    assertThat(env(pod, "address")).isEqualTo("fd00::100");
    assertThat(env(pod, "vip_subnet")).isEqualTo("128");
  }

  @Test
  void render_leaseTimingsFollowModel() {
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100");
    KubeVip slow =
        kubeVip(topology)
            .withLeaseDurationSeconds(15)
            .withRenewDeadlineSeconds(10)
            .withRetryPeriodSeconds(2);

    Pod pod =
        KubeVipPodRenderer.render(topology.withApiEndpoint(slow), slow, node(topology, "cp-1"));

    assertThat(env(pod, "vip_leaseduration")).isEqualTo("15");
    assertThat(env(pod, "vip_renewdeadline")).isEqualTo("10");
    assertThat(env(pod, "vip_retryperiod")).isEqualTo("2");
  }

  @Test
  void render_readBackEqualsRendered() {
    for (String virtualIp : List.of("10.0.0.100", "fd00::100")) {
      ClusterTopology topology = topology("v1.33.4", virtualIp);
      for (Node node : topology.controlPlanes()) {
        Pod pod = KubeVipPodRenderer.render(topology, kubeVip(topology), node);

        Pod readBack = Yaml.read(StaticPodRenderer.toYaml(pod), Pod.class);

        assertThat(readBack).as("%s with %s", node.name(), virtualIp).isEqualTo(pod);
      }
    }
  }

  @Test
  void render_workerNode_throws() {
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100");

    assertThatThrownBy(() -> render(topology, "worker-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "node 'worker-1' is not a control plane of cluster 'prod-eu1': kube-vip runs on"
                + " control planes only, so render it for one of [cp-1, cp-2, cp-3]");
  }

  @Test
  void render_noInterface_throwsNamingNode() {
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100");
    KubeVip withoutInterface = ApiEndpointAccess.kubeVip().virtualIp("10.0.0.100").build();

    assertThatThrownBy(
            () ->
                KubeVipPodRenderer.render(
                    topology.withApiEndpoint(withoutInterface),
                    withoutInterface,
                    node(topology, "cp-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "node 'cp-1' has no network interface for kube-vip: set the node's interfaceName,"
                + " such as eth0, or the interfaceName of ApiEndpointAccess.kubeVip() for every"
                + " node");
  }

  @Test
  void runbookSwitch_yieldsAdminConfManifest() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/bin/sed"))).as("sed is installed").isTrue();
    ClusterTopology topology = topology("v1.33.4", "10.0.0.100");
    Path manifest = work.resolve("kube-vip.yaml");
    Files.writeString(manifest, StaticPodRenderer.toYaml(render(topology, "cp-1")), UTF_8);
    String command =
        AccessRunbook.KUBE_VIP_ADMIN_CONF_SWITCH.replace(
            NodePaths.KUBE_VIP_MANIFEST, manifest.toString());

    Process sed = new ProcessBuilder("/bin/sh", "-c", command).inheritIO().start();

    assertThat(sed.waitFor(20, TimeUnit.SECONDS)).as("sed finished").isTrue();
    assertThat(sed.exitValue()).isZero();
    Pod switched = Yaml.read(Files.readString(manifest, UTF_8), Pod.class);
    Pod before129 =
        render(topology.withKubernetesVersion(KubernetesVersion.parse("v1.28.15")), "cp-1");
    assertThat(switched).isEqualTo(before129);
  }

  private static Pod render(ClusterTopology topology, String nodeName) {
    return KubeVipPodRenderer.render(topology, kubeVip(topology), node(topology, nodeName));
  }

  private static String env(Pod pod, String name) {
    return container(pod).getEnv().stream()
        .filter(variable -> variable.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static Container container(Pod pod) {
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    return pod.getSpec().getContainers().get(0);
  }

  private static ClusterTopology topology(String version, String virtualIp) {
    boolean ipv4 = !virtualIp.contains(":");
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(
            Node.controlPlane("cp-1", ipv4 ? "10.0.0.11/24" : "fd00::11/64"),
            Node.controlPlane("cp-2", ipv4 ? "10.0.0.12/24" : "fd00::12/64")
                .withInterfaceName("ens192"),
            Node.controlPlane("cp-3", ipv4 ? "10.0.0.13/24" : "fd00::13/64"),
            Node.worker("worker-1", ipv4 ? "10.0.0.21/24" : "fd00::21/64"))
        .apiEndpoint(ApiEndpointAccess.kubeVip().virtualIp(virtualIp).interfaceName("eth0").build())
        .build();
  }

  private static KubeVip kubeVip(ClusterTopology topology) {
    return (KubeVip) topology.apiEndpoint();
  }

  private static Node node(ClusterTopology topology, String name) {
    return topology.nodes().stream()
        .filter(candidate -> candidate.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
