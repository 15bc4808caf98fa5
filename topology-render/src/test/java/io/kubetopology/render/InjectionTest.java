package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.api.Secret;
import io.kubetopology.validate.Severity;
import io.kubetopology.validate.TopologyValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Puts characters that end a line, a quoted string, a comment, a block or a shell word into every
 * free-text attribute of the stacked HA topology. Validation must reject each value with an error
 * finding, so that none reaches a rendered file: kubeadm configuration, static pods, haproxy.cfg,
 * keepalived.conf, check_apiserver.sh, the runbook or the manifest.
 */
class InjectionTest {
  /**
   * Line breaks (including the ones YAML 1.1 and JavaScript count), quotes, comment starts of YAML,
   * haproxy, keepalived and sh, braces of keepalived blocks, and shell metacharacters.
   */
  private static final List<String> PAYLOADS =
      List.of(
          "\n", "\r", "\u0085", "\u2028", "\"", "'", "#", "!", "{", "}", "$(id)", "${X}", "`id`",
          ";", "|", "&", "<", ">", "\\", " ", "\t", "*", "\u0000");

  /** Separators of kubelet's {@code --node-labels} list, harmful in label keys and values only. */
  private static final List<String> LABEL_SEPARATORS = List.of("=", ",");

  /** Each attribute, by name, and how to set it to a value that contains the payload. */
  private static final Map<String, BiFunction<ClusterTopology, String, ClusterTopology>>
      ATTRIBUTES = attributes();

  private final BundleRenderer renderer = BundleRenderer.standard();

  @Test
  void hostileValue_rejectedInEveryAttribute() {
    List<String> gotThrough = new ArrayList<>();
    Map<String, Integer> validated = new LinkedHashMap<>();

    for (Map.Entry<String, BiFunction<ClusterTopology, String, ClusterTopology>> attribute :
        ATTRIBUTES.entrySet()) {
      for (String payload : payloads(attribute.getKey())) {
        if (tryPayload(attribute.getKey(), attribute.getValue(), payload, gotThrough)) {
          validated.merge(attribute.getKey(), 1, Integer::sum);
        }
      }
    }

    assertThat(gotThrough).as("values that were not rejected").isEmpty();
    assertThat(validated)
        .as("attributes that reached validation")
        .containsOnlyKeys(ATTRIBUTES.keySet());
  }

  @Test
  void hostileValue_attributeTableCoversEveryKind() {
    assertThat(ATTRIBUTES)
        .containsOnlyKeys(
            "cluster name",
            "control-plane name",
            "worker name",
            "node interface name",
            "load-balancer interface name",
            "label key",
            "label value",
            "image repository",
            "haproxy image",
            "keepalived image",
            "certificate SAN",
            "endpoint host",
            "CRI socket",
            "DNS domain",
            "VRRP password",
            "bootstrap token");
  }

  /** Renders with the payload and returns whether the value got past the builders. */
  private boolean tryPayload(
      String attribute,
      BiFunction<ClusterTopology, String, ClusterTopology> edit,
      String payload,
      List<String> gotThrough) {
    String shown = attribute + " with " + escape(payload);
    ClusterTopology topology;
    try {
      topology = edit.apply(TestTopologies.stackedHa(), payload);
    } catch (IllegalArgumentException e) {
      // A builder rejected the value, so it cannot reach a file either.
      return false;
    }
    try {
      Bundle bundle = renderer.render(topology);
      gotThrough.add(shown + " rendered; files containing it: " + filesContaining(bundle, payload));
    } catch (TopologyValidationException e) {
      if (e.report().count(Severity.ERROR) == 0) {
        gotThrough.add(shown + " rejected without an error finding");
      }
    } catch (RuntimeException e) {
      gotThrough.add(shown + " made render() throw " + e);
    }
    return true;
  }

  private static List<String> payloads(String attribute) {
    if (!attribute.startsWith("label")) {
      return PAYLOADS;
    }
    List<String> payloads = new ArrayList<>(PAYLOADS);
    payloads.addAll(LABEL_SEPARATORS);
    return payloads;
  }

  private static List<String> filesContaining(Bundle bundle, String payload) {
    return bundle.files().stream()
        .filter(file -> file.text().contains(payload))
        .map(BundleFile::path)
        .toList();
  }

  private static Map<String, BiFunction<ClusterTopology, String, ClusterTopology>> attributes() {
    Map<String, BiFunction<ClusterTopology, String, ClusterTopology>> attributes =
        new LinkedHashMap<>();
    attributes.put("cluster name", (topology, p) -> topology.withName("prod" + p + "eu1"));
    attributes.put(
        "control-plane name",
        (topology, p) -> withNode(topology, 1, node -> node.withName("cp" + p + "2")));
    attributes.put(
        "worker name",
        (topology, p) -> withNode(topology, 3, node -> node.withName("w" + p + "1")));
    attributes.put(
        "node interface name",
        (topology, p) -> withNode(topology, 1, node -> node.withInterfaceName("eth" + p + "1")));
    attributes.put(
        "load-balancer interface name",
        (topology, p) ->
            topology.withApiEndpoint(loadBalancer(topology).withInterfaceName("eth" + p + "0")));
    attributes.put(
        "label key",
        (topology, p) ->
            withNode(topology, 0, node -> node.withLabels(Map.of("zone" + p + "x", "eu-1a"))));
    attributes.put(
        "label value",
        (topology, p) ->
            withNode(topology, 0, node -> node.withLabels(Map.of("zone", "eu" + p + "1a"))));
    attributes.put(
        "image repository",
        (topology, p) ->
            topology.withImages(topology.images().withImageRepository("registry" + p + ".k8s.io")));
    attributes.put(
        "haproxy image",
        (topology, p) ->
            topology.withImages(topology.images().withHaproxyImage("haproxy:2.8" + p + "5")));
    attributes.put(
        "keepalived image",
        (topology, p) ->
            topology.withImages(topology.images().withKeepalivedImage("keepalived" + p + ":2.0")));
    attributes.put(
        "certificate SAN", (topology, p) -> topology.withExtraCertSans("api" + p + ".example.com"));
    attributes.put(
        "endpoint host",
        (topology, p) ->
            topology.withControlPlaneEndpoint(
                ControlPlaneEndpoint.of("api" + p + ".example.com", 8443)));
    attributes.put(
        "CRI socket",
        (topology, p) ->
            withNode(topology, 2, node -> node.withCriSocket("unix:///run/c" + p + "d.sock")));
    attributes.put(
        "DNS domain",
        (topology, p) ->
            topology.withNetworking(topology.networking().withDnsDomain("cluster" + p + ".local")));
    attributes.put(
        "VRRP password",
        (topology, p) ->
            topology.withSecrets(topology.secrets().withVrrpPassword(Secret.of("s3c" + p + "t1"))));
    attributes.put(
        "bootstrap token",
        (topology, p) ->
            topology.withSecrets(
                ClusterSecrets.builder()
                    .from(topology.secrets())
                    .bootstrapToken("abcdef." + p + "123456789abcdef")
                    .build()));
    return attributes;
  }

  private static ClusterTopology withNode(
      ClusterTopology topology, int index, UnaryOperator<Node> edit) {
    List<Node> nodes = new ArrayList<>(topology.nodes());
    nodes.set(index, edit.apply(nodes.get(index)));
    return topology.withNodes(nodes);
  }

  private static HaproxyKeepalived loadBalancer(ClusterTopology topology) {
    return (HaproxyKeepalived) topology.apiEndpoint();
  }

  private static String escape(String payload) {
    StringBuilder out = new StringBuilder("'");
    for (char c : payload.toCharArray()) {
      out.append(
          c < 0x20 || c > 0x7e
              ? String.format(Locale.ROOT, "\\u%04x", (int) c)
              : String.valueOf(c));
    }
    return out.append('\'').toString();
  }
}
