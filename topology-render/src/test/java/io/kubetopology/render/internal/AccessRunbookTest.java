package io.kubetopology.render.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessRunbookTest {
  /** A worker's kubelet.conf in the shape kubelet writes after its TLS bootstrap. */
  private static final String KUBELET_CONF =
      """
      apiVersion: v1
      clusters:
      - cluster:
          certificate-authority-data: TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==
          server: https://%s
        name: default-cluster
      contexts:
      - context:
          cluster: default-cluster
          namespace: default
          user: default-auth
        name: default-context
      current-context: default-context
      kind: Config
      preferences: {}
      users:
      - name: default-auth
        user:
          client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
          client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
      """;

  @TempDir Path work;

  @Test
  void kubeletSwitch_ipv4Proxy() throws Exception {
    ClusterTopology topology = workerProxyTopology("10.0.0.", "10.0.0.100");

    Map<String, Object> kubeconfig = runSwitch(topology, "10.0.0.100:6443");

    assertThat(server(kubeconfig)).isEqualTo("https://127.0.0.1:16443");
  }

  @Test
  void kubeletSwitch_ipv6Proxy() throws Exception {
    ClusterTopology topology = workerProxyTopology("fd00::", "fd00::100");

    Map<String, Object> kubeconfig = runSwitch(topology, "[fd00::100]:6443");

    assertThat(server(kubeconfig)).isEqualTo("https://[::1]:16443");
  }

  @Test
  void afterWorkerJoins_noStepWithoutWorkers() {
    ClusterTopology topology = workerProxyTopology("10.0.0.", "10.0.0.100");
    ClusterTopology controlPlanesOnly = topology.withNodes(topology.controlPlanes());

    assertThat(AccessRunbook.afterWorkerJoins(controlPlanesOnly)).isEmpty();
    assertThat(AccessRunbook.afterInstallNote(controlPlanesOnly)).doesNotContain("workers");
  }

  @Test
  void beforeInstall_externalByAddressNeedsNoName() {
    ClusterTopology topology =
        workerProxyTopology("10.0.0.", "10.0.0.100")
            .withApiEndpoint(ApiEndpointAccess.externalLoadBalancer().host("10.0.9.1").build());

    String body = AccessRunbook.beforeInstall(topology).get(0).body();

    assertThat(body).doesNotContain("resolves to it");
    assertThat(body).contains("cp-1 10.0.0.11:6443\n");
  }

  @Test
  void beforeInstall_externalByNameMustResolve() {
    ClusterTopology topology =
        workerProxyTopology("10.0.0.", "10.0.0.100")
            .withApiEndpoint(
                ApiEndpointAccess.externalLoadBalancer().host("api.prod.example.com").build());

    assertThat(AccessRunbook.beforeInstall(topology).get(0).body())
        .contains("- `api.prod.example.com` resolves to it on every node");
  }

  @Test
  void afterInstall_appliesSysctlForStaticPods() {
    HaproxyKeepalived lb =
        ApiEndpointAccess.haproxyKeepalived()
            .virtualIp("10.0.0.100")
            .interfaceName("eth0")
            .bindToVirtualIp(true)
            .build();
    ClusterTopology topology = workerProxyTopology("10.0.0.", "10.0.0.100").withApiEndpoint(lb);

    List<AccessRunbook.Step> steps = AccessRunbook.afterInstall(topology);

    assertThat(steps)
        .extracting(AccessRunbook.Step::title)
        .containsExactly("Let haproxy bind the virtual IP");
    assertThat(steps.get(0).body())
        .contains("On cp-1, cp-2 and cp-3, apply the sysctl drop-in")
        .contains("sysctl -p /etc/sysctl.d/60-apiserver-vip.conf\n");
  }

  @Test
  void names_readAsASentence() {
    Node a = Node.controlPlane("a", "10.0.0.1/24");
    Node b = Node.controlPlane("b", "10.0.0.2/24");
    Node c = Node.builder().name("c").address("10.0.0.3/24").addRole(Role.WORKER).build();

    assertThat(AccessRunbook.names(List.of())).isEmpty();
    assertThat(AccessRunbook.names(List.of(a))).isEqualTo("a");
    assertThat(AccessRunbook.names(List.of(a, b))).isEqualTo("a and b");
    assertThat(AccessRunbook.names(List.of(a, b, c))).isEqualTo("a, b and c");
  }

  /**
   * Writes a kubelet.conf that points at {@code endpoint}, runs the runbook's switch commands for
   * worker-1 on it with the real sed, and parses the result.
   */
  private Map<String, Object> runSwitch(ClusterTopology topology, String endpoint)
      throws Exception {
    assumeThat(Files.isExecutable(Path.of("/bin/sed"))).as("sed is installed").isTrue();
    Path kubeletConf = work.resolve("kubelet.conf");
    Files.writeString(kubeletConf, KUBELET_CONF.formatted(endpoint), UTF_8);
    String sedLine =
        AccessRunbook.afterWorkerJoins(topology)
            .get(0)
            .body()
            .lines()
            .filter(line -> line.startsWith("sed -i"))
            .findFirst()
            .orElseThrow();
    String command = sedLine.replace(NodePaths.KUBELET_CONF, kubeletConf.toString());

    Process sed = new ProcessBuilder("/bin/sh", "-c", command).inheritIO().start();

    assertThat(sed.waitFor(20, TimeUnit.SECONDS)).as("sed finished").isTrue();
    assertThat(sed.exitValue()).isZero();
    String switched = Files.readString(kubeletConf, UTF_8);
    assertThat(switched.lines().filter(line -> line.contains("server:"))).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> kubeconfig = Yaml.read(switched, Map.class);
    return kubeconfig;
  }

  @SuppressWarnings("unchecked")
  private static String server(Map<String, Object> kubeconfig) {
    List<Map<String, Object>> clusters = (List<Map<String, Object>>) kubeconfig.get("clusters");
    Map<String, Object> cluster = (Map<String, Object>) clusters.get(0).get("cluster");
    return (String) cluster.get("server");
  }

  private static ClusterTopology workerProxyTopology(String prefix, String virtualIp) {
    String length = prefix.contains(":") ? "/64" : "/24";
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", prefix + "11" + length),
            Node.controlPlane("cp-2", prefix + "12" + length),
            Node.controlPlane("cp-3", prefix + "13" + length),
            Node.worker("worker-1", prefix + "21" + length))
        .apiEndpoint(
            ApiEndpointAccess.kubeVip()
                .virtualIp(virtualIp)
                .interfaceName("eth0")
                .workerLocalProxyPort(16443)
                .build())
        .build();
  }
}
