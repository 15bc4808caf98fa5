package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.validate.Finding;
import io.kubetopology.validate.TopologyValidationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BundleRendererTest {
  private final BundleRenderer renderer = BundleRenderer.standard();

  @Test
  void render_defaultShapeHasEveryNodeFile() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa());

    assertThat(bundle.files())
        .extracting(BundleFile::path)
        .containsExactly(
            "RUNBOOK.md",
            "bundle.json",
            "nodes/cp-1/etc/haproxy/haproxy.cfg",
            "nodes/cp-1/etc/keepalived/check_apiserver.sh",
            "nodes/cp-1/etc/keepalived/keepalived.conf",
            "nodes/cp-1/etc/kubernetes/kubeadm-config.yaml",
            "nodes/cp-1/etc/kubernetes/manifests/haproxy.yaml",
            "nodes/cp-1/etc/kubernetes/manifests/keepalived.yaml",
            "nodes/cp-2/etc/haproxy/haproxy.cfg",
            "nodes/cp-2/etc/keepalived/check_apiserver.sh",
            "nodes/cp-2/etc/keepalived/keepalived.conf",
            "nodes/cp-2/etc/kubernetes/kubeadm-config.yaml",
            "nodes/cp-2/etc/kubernetes/manifests/haproxy.yaml",
            "nodes/cp-2/etc/kubernetes/manifests/keepalived.yaml",
            "nodes/cp-3/etc/haproxy/haproxy.cfg",
            "nodes/cp-3/etc/keepalived/check_apiserver.sh",
            "nodes/cp-3/etc/keepalived/keepalived.conf",
            "nodes/cp-3/etc/kubernetes/kubeadm-config.yaml",
            "nodes/cp-3/etc/kubernetes/manifests/haproxy.yaml",
            "nodes/cp-3/etc/kubernetes/manifests/keepalived.yaml",
            "nodes/worker-1/etc/kubernetes/kubeadm-config.yaml",
            "nodes/worker-2/etc/kubernetes/kubeadm-config.yaml");
  }

  @Test
  void render_modesMarkSecretsAndScripts() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa());

    assertThat(bundle.nodeFile("cp-1", "/etc/kubernetes/kubeadm-config.yaml").orElseThrow().mode())
        .isEqualTo(0600);
    assertThat(bundle.nodeFile("cp-1", "/etc/keepalived/keepalived.conf").orElseThrow().mode())
        .isEqualTo(0600);
    assertThat(bundle.nodeFile("cp-1", "/etc/keepalived/check_apiserver.sh").orElseThrow().mode())
        .isEqualTo(0755);
    assertThat(bundle.nodeFile("cp-1", "/etc/haproxy/haproxy.cfg").orElseThrow().mode())
        .isEqualTo(0644);
  }

  @Test
  void render_secretsOnlyInFilesMarkedSecret() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa());

    for (BundleFile file : bundle.files()) {
      boolean holdsSecret =
          file.text().contains(TestTopologies.TOKEN)
              || file.text().contains(TestTopologies.CERTIFICATE_KEY)
              || file.text().contains(TestTopologies.VRRP_PASSWORD);
      assertThat(holdsSecret).as(file.path()).isEqualTo(file.containsSecret());
    }
  }

  @Test
  void render_sameTopologyAndSecretsGiveSameBytes() {
    Bundle first = renderer.render(TestTopologies.stackedHa());
    Bundle second = BundleRenderer.standard().render(TestTopologies.stackedHa());

    assertThat(second.files()).hasSameSizeAs(first.files());
    for (int i = 0; i < first.files().size(); i++) {
      assertThat(second.files().get(i).bytes())
          .as(first.files().get(i).path())
          .isEqualTo(first.files().get(i).bytes());
    }
  }

  @Test
  void render_generatedSecretsRenderAgainIdentically() {
    ClusterTopology withoutSecrets = TestTopologies.stackedHa().withSecrets(ClusterSecrets.none());
    Bundle generated = renderer.render(withoutSecrets, new SecureRandom());

    Bundle again = renderer.render(withoutSecrets.withSecrets(generated.secrets()));

    assertThat(again.file("bundle.json").orElseThrow().text())
        .isEqualTo(generated.file("bundle.json").orElseThrow().text());
  }

  @Test
  void render_kubernetes130UsesV1beta3() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa("v1.30.5"));

    for (String node : List.of("cp-1", "cp-2", "worker-1")) {
      assertThat(bundle.nodeFile(node, "/etc/kubernetes/kubeadm-config.yaml").orElseThrow().text())
          .contains("apiVersion: kubeadm.k8s.io/v1beta3")
          .doesNotContain("v1beta4");
    }
  }

  @Test
  void render_kubernetes131UsesV1beta4() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa("v1.31.0"));

    for (String node : List.of("cp-1", "cp-2", "worker-1")) {
      assertThat(bundle.nodeFile(node, "/etc/kubernetes/kubeadm-config.yaml").orElseThrow().text())
          .contains("apiVersion: kubeadm.k8s.io/v1beta4")
          .doesNotContain("v1beta3");
    }
  }

  @Test
  void render_dualStackNamesBothPodSubnets() {
    Networking dualStack =
        Networking.builder()
            .podSubnet("10.244.0.0/16")
            .podSubnet("fd00:10:244::/56")
            .serviceSubnet("10.96.0.0/12")
            .serviceSubnet("fd00:10:96::/108")
            .build();

    Bundle bundle = renderer.render(TestTopologies.stackedHa().withNetworking(dualStack));

    assertThat(bundle.report().findings())
        .extracting(Finding::ruleId)
        .containsExactly("JOIN_CA_NOT_PINNED");
    assertThat(bundle.file("RUNBOOK.md").orElseThrow().text())
        .contains(
            "- Install a network plugin configured for the pod subnets 10.244.0.0/16 and"
                + " fd00:10:244::/56; nodes stay NotReady until one runs.\n");
    assertThat(bundle.nodeFile("cp-1", "/etc/kubernetes/kubeadm-config.yaml").orElseThrow().text())
        .contains(
            "  serviceSubnet: \"10.96.0.0/12,fd00:10:96::/108\"\n",
            "  podSubnet: \"10.244.0.0/16,fd00:10:244::/56\"\n");
  }

  @Test
  void render_rejectsHaproxyOnApiserverPortWithEveryFinding() {
    HaproxyKeepalived lb = (HaproxyKeepalived) TestTopologies.stackedHa().apiEndpoint();
    ClusterTopology broken =
        TestTopologies.stackedHa()
            .withApiEndpoint(lb.withFrontendPort(6443).withVirtualIp(lb.virtualIp()))
            .withNodes(
                Node.controlPlane("cp-1", "10.0.0.11/24"),
                Node.controlPlane("cp-2", "10.0.0.12/24"));

    assertThatThrownBy(() -> renderer.render(broken))
        .isInstanceOf(TopologyValidationException.class)
        .satisfies(
            e -> {
              TopologyValidationException failure = (TopologyValidationException) e;
              assertThat(failure.report().findings())
                  .extracting(Finding::ruleId)
                  .containsExactly(
                      "LB_PORT_COLLIDES_WITH_APISERVER",
                      "STACKED_ETCD_EVEN_MEMBERS",
                      "STACKED_ETCD_TOO_FEW_MEMBERS",
                      "JOIN_CA_NOT_PINNED");
              assertThat(failure.getMessage())
                  .contains(
                      "haproxy frontend port '6443' equals the apiserver port",
                      "use another frontend port, such as 8443",
                      "stacked etcd has 2 members",
                      "use an odd number of control planes, such as 3.");
            });
  }

  @Test
  void render_rejectsUnsupportedVersion() {
    assertThatThrownBy(() -> renderer.render(TestTopologies.stackedHa("v1.26.9")))
        .isInstanceOf(TopologyValidationException.class)
        .hasMessageContaining("KUBERNETES_VERSION_UNSUPPORTED at kubernetesVersion");
  }

  @Test
  void render_rejectsEtcdHostsWithStackedEtcd() {
    ClusterTopology withEtcdHost =
        TestTopologies.stackedHa()
            .withNodes(
                TestTopologies.stackedHa().nodes().get(0),
                TestTopologies.stackedHa().nodes().get(1),
                TestTopologies.stackedHa().nodes().get(2),
                Node.etcd("etcd-1", "10.0.0.31/24"));

    assertThatThrownBy(() -> renderer.render(withEtcdHost))
        .isInstanceOf(TopologyValidationException.class)
        .hasMessageContaining(
            "ERROR ETCD_HOSTS_WITH_STACKED_ETCD at etcd: nodes 'etcd-1' have Role.ETCD");
  }

  @Test
  void render_externalEtcdGivesEtcdHostsTheirFiles() {
    Bundle bundle = renderer.render(TestTopologies.externalEtcd());

    for (String host : List.of("etcd-1", "etcd-2", "etcd-3")) {
      List<BundleFile> files =
          bundle.files().stream()
              .filter(file -> file.path().startsWith("nodes/" + host + "/"))
              .toList();
      assertThat(files)
          .extracting(BundleFile::toString)
          .containsExactly(
              "nodes/" + host + "/etc/kubernetes/kubeadm-config.yaml (0644)",
              "nodes/"
                  + host
                  + "/etc/systemd/system/kubelet.service.d/20-etcd-service-manager.conf"
                  + " (0644)",
              "nodes/" + host + "/etc/systemd/system/kubelet.service.d/kubelet.conf (0644)");
    }
    assertThat(bundle.report().findings())
        .extracting(Finding::ruleId)
        .containsExactly("JOIN_CA_NOT_PINNED");
  }

  @Test
  void render_externalEtcdRunbookFollowsKubeadmGuideOrder() {
    String runbook =
        renderer.render(TestTopologies.externalEtcd()).file("RUNBOOK.md").orElseThrow().text();

    assertThat(runbook)
        .containsSubsequence(
            "## 3. Start the etcd-only kubelet on the etcd hosts",
            "systemctl restart kubelet",
            "## 4. Create the etcd certificates on etcd-1",
            "kubeadm init phase certs etcd-ca\n",
            "kubeadm init phase certs etcd-server --config"
                + " nodes/etcd-2/etc/kubernetes/kubeadm-config.yaml",
            "kubeadm init phase certs etcd-server --config"
                + " nodes/etcd-3/etc/kubernetes/kubeadm-config.yaml",
            "kubeadm init phase certs etcd-server --config /etc/kubernetes/kubeadm-config.yaml",
            "find /root/etcd-certs -name ca.key -type f -delete",
            "## 5. Copy the certificates to the other etcd hosts",
            "scp -r /root/etcd-certs/etcd-2/pki root@10.0.1.12:/etc/kubernetes/",
            "## 6. Start etcd on the etcd hosts",
            "kubeadm init phase etcd local --config /etc/kubernetes/kubeadm-config.yaml",
            "## 7. Check the etcd cluster",
            "--endpoints https://10.0.1.11:2379 endpoint health --cluster",
            "## 8. Copy the etcd client certificate to cp-1",
            "scp /etc/kubernetes/pki/etcd/ca.crt root@10.0.0.11:/etc/kubernetes/pki/etcd/ca.crt",
            "scp /etc/kubernetes/pki/apiserver-etcd-client.key"
                + " root@10.0.0.11:/etc/kubernetes/pki/apiserver-etcd-client.key",
            "## 9. Create the cluster on cp-1",
            "kubeadm init --config /etc/kubernetes/kubeadm-config.yaml --upload-certs");
  }

  @Test
  void render_unmanagedEtcdRunbookNamesClientFiles() {
    ClusterTopology topology =
        TestTopologies.stackedHa()
            .withEtcd(
                EtcdTopology.external()
                    .addEndpoints(
                        "https://10.0.1.11:2379",
                        "https://10.0.1.12:2379",
                        "https://10.0.1.13:2379")
                    .build());

    String runbook = renderer.render(topology).file("RUNBOOK.md").orElseThrow().text();

    assertThat(runbook)
        .contains(
            "external etcd at https://10.0.1.11:2379, https://10.0.1.12:2379,"
                + " https://10.0.1.13:2379.")
        .containsSubsequence(
            "## 3. Copy the etcd client certificate to cp-1",
            "/etc/kubernetes/pki/etcd/ca.crt\n/etc/kubernetes/pki/apiserver-etcd-client.crt\n",
            "## 4. Create the cluster on cp-1")
        .doesNotContain("etcd-only kubelet");
  }

  @Test
  void render_clusterCaGoesToInitNodeOnly() {
    ClusterTopology topology =
        TestTopologies.stackedHa()
            .withSecrets(TestTopologies.fixedSecrets().withClusterCa(TestCas.rsaCa()));

    Bundle bundle = renderer.render(topology);

    BundleFile certificate = bundle.nodeFile("cp-1", "/etc/kubernetes/pki/ca.crt").orElseThrow();
    BundleFile key = bundle.nodeFile("cp-1", "/etc/kubernetes/pki/ca.key").orElseThrow();
    assertThat(certificate.mode()).isEqualTo(0644);
    assertThat(certificate.containsSecret()).isFalse();
    assertThat(certificate.text()).isEqualTo(TestCas.read("rsa-ca.crt"));
    assertThat(key.mode()).isEqualTo(0600);
    assertThat(key.containsSecret()).isTrue();
    assertThat(key.text()).isEqualTo(TestCas.read("rsa-ca.key"));
    assertThat(bundle.files())
        .extracting(BundleFile::path)
        .filteredOn(path -> path.contains("/pki/"))
        .containsExactly(
            "nodes/cp-1/etc/kubernetes/pki/ca.crt", "nodes/cp-1/etc/kubernetes/pki/ca.key");
    assertThat(bundle.report().findings()).isEmpty();
  }

  @Test
  void render_clusterCaChangesRunbook() {
    ClusterTopology topology =
        TestTopologies.stackedHa()
            .withSecrets(TestTopologies.fixedSecrets().withClusterCa(TestCas.rsaCa()));

    String runbook = renderer.render(topology).file("RUNBOOK.md").orElseThrow().text();

    assertThat(runbook)
        .contains(
            "install -D -o root -g root -m 0600 nodes/cp-1/etc/kubernetes/pki/ca.key"
                + " /etc/kubernetes/pki/ca.key\n",
            "kubeadm uses the cluster CA in `/etc/kubernetes/pki/ca.crt` and"
                + " `/etc/kubernetes/pki/ca.key`, installed with the other files, instead of"
                + " creating one.",
            "kubeadm deletes that Secret after 2 hours",
            "- The joins check the cluster CA against its public key pin (`caCertHashes`), so a"
                + " server that poses as the cluster is rejected.")
        .doesNotContain("unsafeSkipCAVerification");
  }

  @Test
  void render_acceptsDedicatedLoadBalancerHosts() {
    ClusterTopology topology =
        TestTopologies.variantBase(false)
            .withApiEndpoint(TestTopologies.variants(false).get("load-balancer hosts"));

    Bundle bundle = renderer.render(topology);

    assertThat(bundle.report().findings()).isEmpty();
    assertThat(bundle.nodeFile("lb-2", "/etc/keepalived/keepalived.conf")).isPresent();
  }

  @Test
  void render_errorMessagesHoldNoSecret() {
    ClusterTopology broken =
        TestTopologies.stackedHa()
            .withSecrets(
                ClusterSecrets.builder()
                    .bootstrapToken("NOT-A-TOKEN-secretvalue")
                    .vrrpPassword("longpassword-secret")
                    .build());

    assertThatThrownBy(() -> renderer.render(broken))
        .isInstanceOf(TopologyValidationException.class)
        .message()
        .doesNotContain("secretvalue")
        .doesNotContain("longpassword-secret")
        .contains("BOOTSTRAP_TOKEN_INVALID", "VRRP_PASSWORD_TOO_LONG");
  }

  @Test
  void render_rejectsVrrpPasswordWithHash() {
    ClusterTopology withHash =
        TestTopologies.stackedHa()
            .withSecrets(ClusterSecrets.builder().vrrpPassword("s3c#et12").build());

    assertThatThrownBy(() -> renderer.render(withHash))
        .isInstanceOf(TopologyValidationException.class)
        .message()
        .contains(
            "ERROR VRRP_PASSWORD_CHARACTERS at secrets.vrrpPassword: the VRRP password contains a"
                + " character that keepalived.conf cannot carry unchanged.")
        .doesNotContain("s3c#et12");
  }

  @Test
  void manifest_listsEveryFileWithItsHash() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa());
    JsonNode manifest =
        JsonMapper.builder().build().readTree(bundle.file("bundle.json").orElseThrow().text());

    assertThat(manifest.get("name").asString()).isEqualTo("prod-eu1");
    assertThat(manifest.get("kubernetesVersion").asString()).isEqualTo("v1.33.4");
    assertThat(manifest.get("kubeadmApiVersion").asString()).isEqualTo("kubeadm.k8s.io/v1beta4");
    assertThat(manifest.get("nodes")).hasSize(5);
    assertThat(manifest.get("files")).hasSize(bundle.files().size() - 1);
    for (JsonNode entry : manifest.get("files")) {
      BundleFile file = bundle.file(entry.get("path").asString()).orElseThrow();
      assertThat(entry.get("sha256").asString()).isEqualTo(file.sha256());
      assertThat(entry.get("mode").asString()).isEqualTo(file.modeText());
      assertThat(entry.get("secret").asBoolean()).isEqualTo(file.containsSecret());
    }
  }

  @Test
  void render_filesUseLfLineEndings() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa());

    for (BundleFile file : bundle.files()) {
      assertThat(new String(file.bytes(), StandardCharsets.UTF_8))
          .as(file.path())
          .doesNotContain("\r")
          .endsWith("\n");
    }
  }

  @Test
  void bundleToString_showsNoContent() {
    Bundle bundle = renderer.render(TestTopologies.stackedHa());

    assertThat(bundle.toString()).isEqualTo("Bundle[prod-eu1, 22 files]");
    assertThat(bundle.secrets().toString()).doesNotContain(TestTopologies.TOKEN);
    assertThat(bundle.files().get(0).toString()).isEqualTo("RUNBOOK.md (0644)");
  }
}
