package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.validate.Finding;
import io.kubetopology.validate.Severity;
import io.kubetopology.validate.TopologyValidationException;
import io.kubetopology.validate.TopologyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Puts every character that has a meaning in a rendered file into every string field that reaches
 * one. Rendering must then be rejected with a VALUE_UNSAFE_FOR_CONFIG finding at that field. That
 * is so even when the caller's validator suppresses or downgrades the rule, or has no rules.
 */
class ConfigInjectionTest {
  private static final List<String> UNSAFE_CHARACTERS =
      List.of(
          "\n", "\r", "\t", " ", "\"", "'", "\\", "#", "!", "{", "}", ";", "$", "`", "&", "|", "<",
          ">", ",", "=", "\u0000", "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\u202e",
          "\ufeff");

  /** Characters that node names and the endpoint host may not contain, on top of the others. */
  private static final List<String> SHELL_WORD_CHARACTERS =
      List.of("*", "?", "[", "]", "(", ")", "~", "/");

  /**
   * A string field that reaches a rendered file: its model path, which for a node name contains the
   * value itself, how to set it, and whether the runbook puts it into a shell command.
   */
  private record Field(
      String name,
      Function<String, String> path,
      Function<String, ClusterTopology> topologyWith,
      boolean shellWord) {
    Field(String path, Function<String, ClusterTopology> topologyWith) {
      this(path, value -> path, topologyWith, false);
    }

    List<String> unsafeCharacters() {
      List<String> characters = new ArrayList<>(UNSAFE_CHARACTERS);
      if (shellWord) {
        characters.addAll(SHELL_WORD_CHARACTERS);
      }
      return characters;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Escapes a value the way finding paths show it: unprintable characters as Java escapes. */
  private static String escaped(String value) {
    StringBuilder out = new StringBuilder();
    for (char character : value.toCharArray()) {
      int type = Character.getType(character);
      boolean unprintable =
          type == Character.CONTROL
              || type == Character.FORMAT
              || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR;
      if (character == '\n') {
        out.append("\\n");
      } else if (character == '\r') {
        out.append("\\r");
      } else if (character == '\t') {
        out.append("\\t");
      } else if (unprintable) {
        out.append(String.format("\\u%04X", (int) character));
      } else {
        out.append(character);
      }
    }
    return out.toString();
  }

  private static ClusterTopology base() {
    return TestTopologies.stackedHa();
  }

  private static HaproxyKeepalived loadBalancer() {
    return (HaproxyKeepalived) base().apiEndpoint();
  }

  private static ClusterTopology withNode(int index, Node node) {
    List<Node> nodes = new ArrayList<>(base().nodes());
    nodes.set(index, node);
    return base().withNodes(nodes);
  }

  private static EtcdTopology.Builder externalEtcd() {
    return EtcdTopology.external()
        .addEndpoint("https://10.0.1.11:2379")
        .caFile("/etc/kubernetes/pki/etcd/ca.crt")
        .certFile("/etc/kubernetes/pki/apiserver-etcd-client.crt")
        .keyFile("/etc/kubernetes/pki/apiserver-etcd-client.key");
  }

  private static List<Field> fields() {
    Node worker = base().nodes().get(3);
    Node cp2 = base().nodes().get(1);
    return List.of(
        new Field("name", value -> base().withName("prod" + value + "eu1")),
        new Field(
            "nodes[worker-1].name",
            value -> "nodes[worker" + escaped(value) + "1].name",
            value -> withNode(3, worker.withName("worker" + value + "1")),
            true),
        new Field(
            "nodes[cp-2].interfaceName",
            value -> withNode(1, cp2.withInterfaceName("eth" + value + "0"))),
        new Field(
            "nodes[worker-1].criSocket",
            value -> withNode(3, worker.withCriSocket("unix:///run/c" + value + ".sock"))),
        new Field(
            "nodes[worker-1].labels",
            value -> withNode(3, worker.withLabels(Map.of("zone" + value, "eu-1a")))),
        new Field(
            "nodes[worker-1].labels",
            value -> withNode(3, worker.withLabels(Map.of("zone", "eu" + value + "1a")))),
        new Field(
            "apiEndpoint.interfaceName",
            value -> base().withApiEndpoint(loadBalancer().withInterfaceName("eth" + value + "0"))),
        new Field(
            "controlPlaneEndpoint",
            value -> "controlPlaneEndpoint",
            value ->
                base()
                    .withControlPlaneEndpoint(
                        ControlPlaneEndpoint.of("api" + value + ".example.com", 8443)),
            true),
        new Field(
            "extraCertSans[0]", value -> base().withExtraCertSans("api" + value + ".example.com")),
        new Field(
            "networking.dnsDomain",
            value ->
                base()
                    .withNetworking(
                        Networking.builder()
                            .podSubnet("10.244.0.0/16")
                            .dnsDomain("cluster" + value + ".local")
                            .build())),
        new Field(
            "images.imageRepository",
            value ->
                base()
                    .withImages(
                        ImageSettings.defaults().withImageRepository("registry" + value + ".io"))),
        new Field(
            "images.haproxyImage",
            value ->
                base()
                    .withImages(
                        ImageSettings.defaults().withHaproxyImage("haproxy:2.8" + value + "5"))),
        new Field(
            "images.keepalivedImage",
            value ->
                base()
                    .withImages(
                        ImageSettings.defaults()
                            .withKeepalivedImage("keepalived:2.0" + value + "20"))),
        new Field(
            "etcd.endpoints[1]",
            value ->
                base()
                    .withEtcd(
                        externalEtcd().addEndpoint("https://10.0.1.12:2379" + value).build())),
        new Field(
            "etcd.caFile",
            value -> base().withEtcd(externalEtcd().caFile("/etc/ca" + value + ".crt").build())),
        new Field(
            "etcd.certFile",
            value ->
                base().withEtcd(externalEtcd().certFile("/etc/client" + value + ".crt").build())),
        new Field(
            "etcd.keyFile",
            value ->
                base().withEtcd(externalEtcd().keyFile("/etc/client" + value + ".key").build())));
  }

  static Stream<Arguments> everyFieldAndCharacter() {
    return fields().stream()
        .flatMap(
            field ->
                field.unsafeCharacters().stream()
                    .map(
                        character ->
                            Arguments.of(
                                field,
                                character,
                                String.format("U+%04X", (int) character.charAt(0)))));
  }

  private static void assertRejected(BundleRenderer renderer, Field field, String character) {
    ClusterTopology topology = field.topologyWith().apply(character);

    TopologyValidationException rejected =
        catchThrowableOfType(TopologyValidationException.class, () -> renderer.render(topology));

    assertThat(rejected).as("rendering rejected").isNotNull();
    assertThat(rejected.report().findings())
        .filteredOn(finding -> finding.ruleId().equals("VALUE_UNSAFE_FOR_CONFIG"))
        .extracting(Finding::severity, Finding::path)
        .containsExactly(tuple(Severity.ERROR, field.path().apply(character)));
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("everyFieldAndCharacter")
  void render_rejectsUnsafeCharacter(Field field, String character, String codePoint) {
    assertRejected(BundleRenderer.standard(), field, character);
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("everyFieldAndCharacter")
  void render_rejectsUnsafeCharacterWithoutRules(Field field, String character, String codePoint) {
    assertRejected(
        BundleRenderer.withValidator(TopologyValidator.builder().build()), field, character);
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("everyFieldAndCharacter")
  void render_rejectsUnsafeCharacterWhenSuppressed(
      Field field, String character, String codePoint) {
    TopologyValidator lenient =
        TopologyValidator.standard().toBuilder()
            .suppress("VALUE_UNSAFE_FOR_CONFIG", "a test of the renderer's own check")
            .severity("NODE_NAME_INVALID", Severity.INFO)
            .severity("CLUSTER_NAME_INVALID", Severity.INFO)
            .severity("INTERFACE_NAME_INVALID", Severity.INFO)
            .severity("CRI_SOCKET_INVALID", Severity.INFO)
            .severity("NODE_LABEL_INVALID", Severity.INFO)
            .severity("ENDPOINT_HOST_INVALID", Severity.INFO)
            .severity("CERT_SAN_INVALID", Severity.INFO)
            .severity("DNS_DOMAIN_INVALID", Severity.INFO)
            .severity("IMAGE_REFERENCE_INVALID", Severity.INFO)
            .severity("EXTERNAL_ETCD_ENDPOINT_INVALID", Severity.INFO)
            .severity("EXTERNAL_ETCD_EVEN_MEMBERS", Severity.INFO)
            .build();

    assertRejected(BundleRenderer.withValidator(lenient), field, character);
  }
}
