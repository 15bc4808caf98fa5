package io.kubetopology.render.internal;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the fabric8 Pods of the static pod renderers into the map trees {@link Yaml#write} writes,
 * without reflection. Keys follow fabric8's {@code @JsonPropertyOrder} and, as fabric8's Jackson
 * annotations do, null values and empty lists and maps are left out, so the text equals what
 * Jackson writes for the same Pod.
 *
 * <p>NOTE: only the fields that {@link StaticPodRenderer} and {@link KubeVipPodRenderer} set are
 * converted. A renderer that sets another field must add it here; PodTreesTest compares this
 * conversion with Jackson's for every Pod the renderers build, and fails until it is added.
 */
final class PodTrees {
  private PodTrees() {}

  /** Converts {@code pod} into a tree of maps, lists, strings, integers and booleans. */
  static Map<String, Object> toTree(Pod pod) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "apiVersion", pod.getApiVersion());
    put(tree, "kind", pod.getKind());
    putObject(tree, "metadata", convert(pod.getMetadata(), PodTrees::metadataTree));
    putObject(tree, "spec", convert(pod.getSpec(), PodTrees::specTree));
    return tree;
  }

  private static Map<String, Object> metadataTree(ObjectMeta metadata) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "labels", metadata.getLabels());
    put(tree, "name", metadata.getName());
    put(tree, "namespace", metadata.getNamespace());
    return tree;
  }

  private static Map<String, Object> specTree(PodSpec spec) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "containers", convertAll(spec.getContainers(), PodTrees::containerTree));
    put(tree, "hostAliases", convertAll(spec.getHostAliases(), PodTrees::hostAliasTree));
    put(tree, "hostNetwork", spec.getHostNetwork());
    put(tree, "priorityClassName", spec.getPriorityClassName());
    put(tree, "volumes", convertAll(spec.getVolumes(), PodTrees::volumeTree));
    return tree;
  }

  private static Map<String, Object> containerTree(Container container) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "args", container.getArgs());
    put(tree, "env", convertAll(container.getEnv(), PodTrees::envVarTree));
    put(tree, "image", container.getImage());
    put(tree, "imagePullPolicy", container.getImagePullPolicy());
    putObject(tree, "livenessProbe", convert(container.getLivenessProbe(), PodTrees::probeTree));
    put(tree, "name", container.getName());
    putObject(
        tree,
        "securityContext",
        convert(container.getSecurityContext(), PodTrees::securityContextTree));
    put(tree, "volumeMounts", convertAll(container.getVolumeMounts(), PodTrees::volumeMountTree));
    return tree;
  }

  private static Map<String, Object> envVarTree(EnvVar variable) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "name", variable.getName());
    put(tree, "value", variable.getValue());
    return tree;
  }

  private static Map<String, Object> probeTree(Probe probe) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "failureThreshold", probe.getFailureThreshold());
    putObject(tree, "tcpSocket", convert(probe.getTcpSocket(), PodTrees::tcpSocketTree));
    return tree;
  }

  private static Map<String, Object> tcpSocketTree(TCPSocketAction action) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "host", action.getHost());
    putObject(tree, "port", convert(action.getPort(), PodTrees::intOrString));
    return tree;
  }

  /** Returns the integer or the string an {@link IntOrString} holds, as Jackson writes it. */
  private static Object intOrString(IntOrString value) {
    return value.getIntVal() != null ? value.getIntVal() : value.getStrVal();
  }

  private static Map<String, Object> securityContextTree(SecurityContext context) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "allowPrivilegeEscalation", context.getAllowPrivilegeEscalation());
    putObject(tree, "capabilities", convert(context.getCapabilities(), PodTrees::capabilitiesTree));
    put(tree, "runAsUser", context.getRunAsUser());
    return tree;
  }

  private static Map<String, Object> capabilitiesTree(Capabilities capabilities) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "add", capabilities.getAdd());
    put(tree, "drop", capabilities.getDrop());
    return tree;
  }

  private static Map<String, Object> volumeMountTree(VolumeMount mount) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "mountPath", mount.getMountPath());
    put(tree, "name", mount.getName());
    put(tree, "readOnly", mount.getReadOnly());
    return tree;
  }

  private static Map<String, Object> volumeTree(Volume volume) {
    Map<String, Object> tree = new LinkedHashMap<>();
    putObject(tree, "hostPath", convert(volume.getHostPath(), PodTrees::hostPathTree));
    put(tree, "name", volume.getName());
    return tree;
  }

  private static Map<String, Object> hostPathTree(HostPathVolumeSource hostPath) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "path", hostPath.getPath());
    put(tree, "type", hostPath.getType());
    return tree;
  }

  private static Map<String, Object> hostAliasTree(HostAlias alias) {
    Map<String, Object> tree = new LinkedHashMap<>();
    put(tree, "hostnames", alias.getHostnames());
    put(tree, "ip", alias.getIp());
    return tree;
  }

  private static <T> Object convert(T value, Function<T, Object> converter) {
    return value == null ? null : converter.apply(value);
  }

  private static <T> List<Object> convertAll(List<T> values, Function<T, Object> converter) {
    return values == null ? null : values.stream().map(converter).toList();
  }

  /** Puts a converted object unless it is null; Jackson writes an object without fields as {}. */
  private static void putObject(Map<String, Object> tree, String key, Object value) {
    if (value != null) {
      tree.put(key, value);
    }
  }

  /** Puts {@code value} unless it is null or an empty list or map, which fabric8 leaves out. */
  private static void put(Map<String, Object> tree, String key, Object value) {
    boolean empty =
        value == null
            || (value instanceof Collection<?> collection && collection.isEmpty())
            || (value instanceof Map<?, ?> map && map.isEmpty());
    if (!empty) {
      tree.put(key, value);
    }
  }
}
