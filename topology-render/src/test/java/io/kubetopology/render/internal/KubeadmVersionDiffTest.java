package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.render.internal.KubeadmApiVersion.ArgShape;
import io.kubetopology.render.internal.KubeadmApiVersion.TimeoutPlacement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Renders one topology for Kubernetes 1.30 (kubeadm v1beta3) and 1.33 (v1beta4) and checks that the
 * kubeadm documents differ only in the fields that the version table names: the apiVersion, the
 * shape of extra arguments and the place of the timeouts. The Kubernetes version itself differs as
 * the input does.
 */
class KubeadmVersionDiffTest {
  private static final ClusterSecrets SECRETS =
      ClusterSecrets.builder()
          .bootstrapToken("abcdef.0123456789abcdef")
          .certificateKey("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
          .vrrpPassword("vrrp1234")
          .build();

  private static final String OLD_VERSION = "v1.30.5";
  private static final String NEW_VERSION = "v1.33.4";

  /** Three control planes, a labelled worker and three etcd hosts, for every kind of document. */
  private static ClusterTopology topology(String version) {
    return ClusterTopology.builder()
        .name("prod-eu1")
        .kubernetesVersion(version)
        .addNodes(
            Node.controlPlane("cp-1", "10.0.0.11/24"),
            Node.controlPlane("cp-2", "10.0.0.12/24"),
            Node.controlPlane("cp-3", "10.0.0.13/24"),
            Node.worker("worker-1", "10.0.0.21/24").withLabels(Map.of("zone", "eu-1a")),
            Node.etcd("etcd-1", "10.0.1.11/24"),
            Node.etcd("etcd-2", "10.0.1.12/24"),
            Node.etcd("etcd-3", "10.0.1.13/24"))
        .etcd(EtcdTopology.external().build())
        .apiEndpoint(
            ApiEndpointAccess.haproxyKeepalived()
                .virtualIp("10.0.0.100")
                .interfaceName("eth0")
                .frontendPort(8443)
                .build())
        .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
        .build();
  }

  @Test
  void versionTable_namesMovedFields() {
    assertThat(KubeadmApiVersion.V1BETA3.argShape()).isEqualTo(ArgShape.MAP);
    assertThat(KubeadmApiVersion.V1BETA4.argShape()).isEqualTo(ArgShape.NAME_VALUE_LIST);
    assertThat(KubeadmApiVersion.V1BETA3.timeoutPlacement())
        .isEqualTo(TimeoutPlacement.COMPONENT_FIELDS);
    assertThat(KubeadmApiVersion.V1BETA4.timeoutPlacement())
        .isEqualTo(TimeoutPlacement.TIMEOUTS_BLOCK);
  }

  @Test
  void renderings_differOnlyInTableFields() {
    Map<String, List<Map<String, Object>>> old = render(OLD_VERSION);
    Map<String, List<Map<String, Object>>> current = render(NEW_VERSION);
    Set<String> differences = new TreeSet<>();

    for (String node : current.keySet()) {
      List<Map<String, Object>> oldDocuments = old.get(node);
      List<Map<String, Object>> newDocuments = current.get(node);
      assertThat(oldDocuments).as(node).hasSameSizeAs(newDocuments);
      for (int i = 0; i < newDocuments.size(); i++) {
        String kind = (String) newDocuments.get(i).get("kind");
        collectDifferences(kind, oldDocuments.get(i), newDocuments.get(i), differences);
      }
    }

    assertThat(differences)
        .containsExactlyInAnyOrder(
            "ClusterConfiguration.apiServer.timeoutForControlPlane",
            "ClusterConfiguration.apiVersion",
            "ClusterConfiguration.etcd.local.extraArgs",
            "ClusterConfiguration.kubernetesVersion",
            "InitConfiguration.apiVersion",
            "InitConfiguration.nodeRegistration.kubeletExtraArgs",
            "InitConfiguration.timeouts",
            "JoinConfiguration.apiVersion",
            "JoinConfiguration.discovery.timeout",
            "JoinConfiguration.nodeRegistration.kubeletExtraArgs",
            "JoinConfiguration.timeouts");
  }

  @Test
  void v1beta3Rendering_normalisesIntoV1beta4Rendering() {
    Map<String, List<Map<String, Object>>> old = render(OLD_VERSION);
    Map<String, List<Map<String, Object>>> current = render(NEW_VERSION);
    String clusterTimeout = controlPlaneTimeout(old.get("cp-1"));

    for (String node : current.keySet()) {
      List<Map<String, Object>> normalised =
          normalise(old.get(node), KubeadmApiVersion.V1BETA3, KubeadmApiVersion.V1BETA4);
      normalised.forEach(document -> putJoinHealthCheck(document, clusterTimeout));
      normalised.forEach(document -> replaceKubernetesVersion(document, NEW_VERSION));

      assertThat(normalised).as(node).isEqualTo(current.get(node));
    }
  }

  /** Renders every node's kubeadm-config.yaml and parses its documents, by node name. */
  private static Map<String, List<Map<String, Object>>> render(String version) {
    ClusterTopology topology = topology(version);
    Map<String, List<Map<String, Object>>> documents = new LinkedHashMap<>();
    for (Node node : topology.nodes()) {
      String text = KubeadmConfigRenderer.render(topology, node, SECRETS);
      documents.put(node.name(), parse(text));
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String text) {
    return Arrays.stream(text.split("(?m)^---\n"))
        .map(document -> (Map<String, Object>) Yaml.read(document, Map.class))
        .toList();
  }

  /** Adds the path of every value that differs, below {@code prefix}. */
  @SuppressWarnings("unchecked")
  private static void collectDifferences(
      String prefix, Object old, Object current, Set<String> differences) {
    if (old instanceof Map<?, ?> oldMap && current instanceof Map<?, ?> newMap) {
      Set<Object> keys = new TreeSet<>(Comparator.comparing(Object::toString));
      keys.addAll(oldMap.keySet());
      keys.addAll(newMap.keySet());
      for (Object key : keys) {
        collectDifferences(prefix + "." + key, oldMap.get(key), newMap.get(key), differences);
      }
    } else if (old == null ? current != null : !old.equals(current)) {
      differences.add(prefix);
    }
  }

  /**
   * Converts the documents of one file from {@code from} to {@code to}, driven by the table rows:
   * the apiVersion, the shape of extra arguments and the place of the timeouts. The Kubernetes
   * version and the control plane timeout of joins, which v1beta3 keeps in the cluster's
   * ClusterConfiguration, are left to the caller.
   */
  private static List<Map<String, Object>> normalise(
      List<Map<String, Object>> documents, KubeadmApiVersion from, KubeadmApiVersion to) {
    List<Map<String, Object>> converted = new ArrayList<>();
    for (Map<String, Object> document : documents) {
      Map<String, Object> copy = deepCopy(document);
      copy.put("apiVersion", to.apiVersion());
      if (from.argShape() == ArgShape.MAP && to.argShape() == ArgShape.NAME_VALUE_LIST) {
        convertArgMaps(copy);
      }
      converted.add(copy);
    }
    if (from.timeoutPlacement() == TimeoutPlacement.COMPONENT_FIELDS
        && to.timeoutPlacement() == TimeoutPlacement.TIMEOUTS_BLOCK) {
      moveTimeouts(converted);
    }
    return converted;
  }

  /** Turns every {@code extraArgs} and {@code kubeletExtraArgs} map into a sorted list. */
  @SuppressWarnings("unchecked")
  private static void convertArgMaps(Map<String, Object> tree) {
    for (Map.Entry<String, Object> entry : tree.entrySet()) {
      boolean args =
          entry.getKey().equals("extraArgs") || entry.getKey().equals("kubeletExtraArgs");
      if (args && entry.getValue() instanceof Map<?, ?> map) {
        List<Map<String, Object>> list = new ArrayList<>();
        new TreeMap<>((Map<String, Object>) map)
            .forEach((name, value) -> list.add(arg(name, value)));
        entry.setValue(list);
      } else if (entry.getValue() instanceof Map<?, ?> child) {
        convertArgMaps((Map<String, Object>) child);
      }
    }
  }

  private static Map<String, Object> arg(String name, Object value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put("value", value);
    return entry;
  }

  /**
   * Moves {@code apiServer.timeoutForControlPlane} into the same file's InitConfiguration and
   * {@code discovery.timeout} into the JoinConfiguration's {@code timeouts} block.
   */
  @SuppressWarnings("unchecked")
  private static void moveTimeouts(List<Map<String, Object>> documents) {
    Optional<Object> controlPlaneTimeout = Optional.empty();
    for (Map<String, Object> document : documents) {
      if (document.get("apiServer") instanceof Map<?, ?> apiServer) {
        controlPlaneTimeout = Optional.ofNullable(apiServer.remove("timeoutForControlPlane"));
        if (apiServer.isEmpty()) {
          document.remove("apiServer");
        }
      }
      if (document.get("discovery") instanceof Map<?, ?> discovery
          && discovery.containsKey("timeout")) {
        timeouts(document).put("discovery", discovery.remove("timeout"));
      }
    }
    for (Map<String, Object> document : documents) {
      if ("InitConfiguration".equals(document.get("kind")) && controlPlaneTimeout.isPresent()) {
        timeouts(document).put("controlPlaneComponentHealthCheck", controlPlaneTimeout.get());
      }
    }
  }

  /**
   * Gives a joining control plane the health check timeout that v1beta3 reads from the cluster's
   * ClusterConfiguration.
   */
  private static void putJoinHealthCheck(Map<String, Object> document, String clusterTimeout) {
    if ("JoinConfiguration".equals(document.get("kind")) && document.containsKey("controlPlane")) {
      timeouts(document).put("controlPlaneComponentHealthCheck", clusterTimeout);
    }
  }

  private static void replaceKubernetesVersion(Map<String, Object> document, String version) {
    if (document.containsKey("kubernetesVersion")) {
      document.put("kubernetesVersion", version);
    }
  }

  @SuppressWarnings("unchecked")
  private static String controlPlaneTimeout(List<Map<String, Object>> initNodeDocuments) {
    Map<String, Object> apiServer = (Map<String, Object>) initNodeDocuments.get(1).get("apiServer");
    return (String) apiServer.get("timeoutForControlPlane");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> timeouts(Map<String, Object> document) {
    return (Map<String, Object>)
        document.computeIfAbsent("timeouts", key -> new LinkedHashMap<String, Object>());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> tree) {
    Map<String, Object> copy = new LinkedHashMap<>();
    tree.forEach(
        (key, value) ->
            copy.put(
                key,
                value instanceof Map<?, ?> child ? deepCopy((Map<String, Object>) child) : value));
    return copy;
  }
}
