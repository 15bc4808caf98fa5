package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyDocumentsTest {
  private static final String VALID =
      """
      apiVersion: kubetopology.io/v1alpha1
      kind: ClusterTopology
      name: prod-eu1
      kubernetesVersion: v1.33.4
      nodes:
        - name: cp-1
          address: 10.0.0.11/24
          roles: [controlPlane]
        - name: cp-2
          address: 10.0.0.12/24
          roles: [controlPlane]
        - name: cp-3
          address: 10.0.0.13/24
          roles: [controlPlane]
        - name: worker-1
          address: 10.0.0.21/24
          roles: [worker]
          labels:
            disk: ssd
      apiEndpoint:
        haproxyKeepalived:
          virtualIp: 10.0.0.100
          interfaceName: eth0
      networking:
        podSubnets:
          - 10.244.0.0/16
      """;

  private static ClusterTopology expected() {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion("v1.33.4")
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24").withLabels(java.util.Map.of("disk", "ssd")))
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }

  private static List<DocumentProblem> problems(String text) {
    try {
      TopologyDocuments.reader().read(text, "bad.yaml");
    } catch (TopologyDocumentException e) {
      return e.problems();
    }
    throw new AssertionError("expected the document to be rejected");
  }

  @Test
  void read_yamlGivesModel() {
    assertThat(TopologyDocuments.reader().read(VALID, "valid.yaml")).isEqualTo(expected());
  }

  @Test
  void read_jsonGivesSameModel() {
    String json = TopologyDocuments.writer().toJson(expected());

    assertThat(TopologyDocuments.reader().read(json, "valid.json")).isEqualTo(expected());
  }

  @Test
  void write_yamlLeavesDefaultsOut() {
    assertThat(TopologyDocuments.writer().toYaml(expected()))
        .isEqualTo(
            VALID
                .replace("roles: [controlPlane]", "roles:\n      - controlPlane")
                .replace("roles: [worker]", "roles:\n      - worker"));
  }

  @Test
  void write_roundTripsWithDefaults() {
    String yaml = TopologyDocuments.writer().includeDefaults().toYaml(expected());

    assertThat(yaml).contains("frontendPort: 8443", "dnsDomain: cluster.local");
    assertThat(TopologyDocuments.reader().read(yaml, "defaults.yaml")).isEqualTo(expected());
  }

  @Test
  void write_includesGivenSecrets() {
    ClusterTopology withSecrets =
        expected().withSecrets(ClusterSecrets.builder().vrrpPassword("s3cret12").build());

    String yaml = TopologyDocuments.writer().toYaml(withSecrets);

    assertThat(yaml).contains("secrets:\n  vrrpPassword: s3cret12\n");
    assertThat(TopologyDocuments.reader().read(yaml, "secrets.yaml")).isEqualTo(withSecrets);
  }

  private static ClusterTopology withEtcdHosts() {
    List<Node> nodes = new ArrayList<>(expected().nodes());
    nodes.add(Node.etcd("etcd-1", "10.0.1.11/24"));
    nodes.add(Node.etcd("etcd-2", "10.0.1.12/24"));
    nodes.add(Node.etcd("etcd-3", "10.0.1.13/24"));
    return expected().withNodes(nodes).withEtcd(EtcdTopology.external().build());
  }

  @Test
  void write_externalEtcdLeavesKubeadmTlsPathsOut() {
    String yaml = TopologyDocuments.writer().toYaml(withEtcdHosts());

    assertThat(yaml).contains("etcd:\n  external: {}\n");
    assertThat(TopologyDocuments.reader().read(yaml, "etcd.yaml")).isEqualTo(withEtcdHosts());
  }

  @Test
  void write_externalEtcdRoundTripsWithDefaults() {
    String yaml = TopologyDocuments.writer().includeDefaults().toYaml(withEtcdHosts());

    assertThat(yaml).contains("caFile: /etc/kubernetes/pki/etcd/ca.crt");
    assertThat(TopologyDocuments.reader().read(yaml, "etcd.yaml")).isEqualTo(withEtcdHosts());
  }

  @Test
  void write_plainHttpEtcdWritesEmptyTlsFiles() {
    ClusterTopology plain =
        expected()
            .withEtcd(
                EtcdTopology.external()
                    .addEndpoint("http://10.0.1.11:2379")
                    .clearTlsFiles()
                    .build());

    String yaml = TopologyDocuments.writer().toYaml(plain);

    assertThat(yaml).contains("caFile: \"\"", "certFile: \"\"", "keyFile: \"\"");
    assertThat(TopologyDocuments.reader().read(yaml, "etcd.yaml")).isEqualTo(plain);
  }

  @Test
  void write_clusterCaRoundTrips() {
    ClusterTopology withCa =
        expected()
            .withSecrets(
                ClusterSecrets.builder()
                    .clusterCa(TestCas.read("rsa-ca.crt"), TestCas.read("rsa-ca.key"))
                    .build());

    String yaml = TopologyDocuments.writer().toYaml(withCa);

    assertThat(yaml).contains("clusterCaCertificate: ", "clusterCaKey: ");
    assertThat(TopologyDocuments.reader().read(yaml, "ca.yaml")).isEqualTo(withCa);
  }

  @Test
  void read_clusterCaWithoutKeyRejected() {
    String yaml = VALID + "secrets:\n  clusterCaCertificate: " + "\"" + "not used" + "\"\n";

    assertThat(problems(yaml))
        .extracting(DocumentProblem::message)
        .containsExactly(
            "secrets gives only one of clusterCaCertificate and clusterCaKey; give both PEM"
                + " texts, of ca.crt and ca.key, or neither");
  }

  @Test
  void read_unknownFieldSuggestsClosest() {
    assertThat(problems(VALID.replace("  interfaceName: eth0", "  interfaceNme: eth0")))
        .containsExactly(
            new DocumentProblem(
                "bad.yaml",
                23,
                5,
                "apiEndpoint.haproxyKeepalived.interfaceNme",
                "unknown field 'interfaceNme'; did you mean 'interfaceName'?"));
  }

  @Test
  void read_wrongTypeNamesPathAndFix() {
    assertThat(problems(VALID.replace("kubernetesVersion: v1.33.4", "kubernetesVersion: 1.30")))
        .containsExactly(
            new DocumentProblem(
                "bad.yaml",
                4,
                20,
                "kubernetesVersion",
                "expected a string, got the number 1.30; put the value in quotes to make it a"
                    + " string"));
  }

  @Test
  void read_missingRequiredField() {
    assertThat(problems(VALID.replace("name: prod-eu1\n", "")))
        .containsExactly(
            new DocumentProblem("bad.yaml", 1, 1, "name", "required field 'name' is missing"));
  }

  @Test
  void read_duplicateKey() {
    assertThat(problems(VALID.replace("name: prod-eu1\n", "name: prod-eu1\nname: prod-eu2\n")))
        .containsExactly(
            new DocumentProblem("bad.yaml", 4, 1, "name", "duplicate field 'name'; keep only one"));
  }

  @Test
  void read_malformedAddressAndCidrTogether() {
    String broken =
        VALID
            .replace("address: 10.0.0.12/24", "address: 10.0.0.312/24")
            .replace("- 10.244.0.0/16", "- 10.244.0.1/16");

    assertThat(problems(broken))
        .containsExactly(
            new DocumentProblem(
                "bad.yaml",
                10,
                14,
                "nodes[1].address",
                "invalid IP address '10.0.0.312': expected an IPv4 literal such as 10.0.0.11 or an"
                    + " IPv6 literal such as fd00::11"),
            new DocumentProblem(
                "bad.yaml",
                26,
                7,
                "networking.podSubnets[0]",
                "invalid CIDR '10.244.0.1/16': host bits are set; use the network address"
                    + " '10.244.0.0/16'"));
  }

  @Test
  void read_anchorsRejected() {
    String anchored =
        VALID
            .replace(
                "roles: [controlPlane]\n  - name: cp-2",
                "roles: &cp [controlPlane]\n  - name: cp-2")
            .replace(
                "address: 10.0.0.12/24\n    roles: [controlPlane]",
                "address: 10.0.0.12/24\n    roles: *cp");

    assertThat(problems(anchored))
        .extracting(DocumentProblem::message)
        .containsOnly("anchors and aliases are not allowed; write the value out");
  }

  @Test
  void read_customTagRejected() {
    assertThat(problems(VALID.replace("name: prod-eu1", "name: !shell prod-eu1")))
        .containsExactly(
            new DocumentProblem("bad.yaml", 3, 7, "", "tag '!shell' is not allowed; remove it"));
  }

  @Test
  void read_unknownRoleSuggestsClosest() {
    assertThat(problems(VALID.replace("roles: [worker]", "roles: [wroker]")))
        .extracting(DocumentProblem::message)
        .containsExactly(
            "unknown role 'wroker'; did you mean 'worker'? Known roles: controlPlane, worker,"
                + " etcd, loadBalancer.");
  }

  @Test
  void read_invalidYamlHasPosition() {
    assertThat(problems(VALID.replace("  - name: cp-2", "  - name: [cp-2")))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isGreaterThan(0);
              assertThat(problem.message()).startsWith("invalid YAML: ");
            });
  }

  @Test
  void read_oversizedDocumentRejectedBeforeParsing() {
    assertThatThrownBy(() -> TopologyDocuments.reader().maxBytes(100).read(VALID, "big.yaml"))
        .isInstanceOf(TopologyDocumentException.class)
        .hasMessageContaining(
            "big.yaml: document has "
                + VALID.length()
                + " bytes, more than the limit of 100;"
                + " split the topology or raise the reader's maxBytes");
  }

  @Test
  void read_secondDocumentRejected() {
    assertThat(problems(VALID + "---\nname: other\n"))
        .extracting(DocumentProblem::message)
        .containsExactly("only one document is allowed; remove the second");
  }

  @Test
  void read_wrongApiVersion() {
    assertThat(problems(VALID.replace("kubetopology.io/v1alpha1", "kubetopology.io/v1")))
        .extracting(DocumentProblem::message)
        .containsExactly(
            "unsupported apiVersion 'kubetopology.io/v1'; use kubetopology.io/v1alpha1");
  }

  @Test
  void read_allProblemsReportedTogether() {
    String broken =
        VALID
            .replace("name: prod-eu1", "nmae: prod-eu1")
            .replace("roles: [worker]", "roles: worker");

    assertThat(problems(broken))
        .extracting(DocumentProblem::path)
        .containsExactly("name", "nmae", "nodes[3].roles");
  }

  @Test
  void read_pathFromFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("prod.yaml");
    Files.writeString(file, VALID);

    assertThat(TopologyDocuments.reader().read(file)).isEqualTo(expected());
  }

  @Test
  void exceptionMessage_listsEveryProblemWithoutSecrets() {
    String broken = VALID + "secrets:\n  vrrpPassword: 12345678\n";

    assertThatThrownBy(() -> TopologyDocuments.reader().read(broken, "bad.yaml"))
        .isInstanceOf(TopologyDocumentException.class)
        .hasMessage(
            "1 problem(s) in topology document:\n"
                + "bad.yaml:28:17: secrets.vrrpPassword: expected a string, got the number"
                + " 12345678; put the value in quotes to make it a string");
  }

  @Test
  void write_quotesStringsYamlWouldReadAsOtherTypes() {
    for (String name :
        List.of("null", "true", "no", "on", "1e3", "0x1f", "012", "1_000", "12:30", "~")) {
      ClusterTopology topology = expected().withName(name);

      String yaml = TopologyDocuments.writer().toYaml(topology);

      assertThat(TopologyDocuments.reader().read(yaml, name + ".yaml").name())
          .as(yaml)
          .isEqualTo(name);
    }
  }
}
