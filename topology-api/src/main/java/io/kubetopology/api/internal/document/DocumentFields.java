package io.kubetopology.api.internal.document;

import io.kubetopology.api.Role;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field names of every object in a topology document, in the order the writer emits them. The
 * reader accepts exactly these, and the JSON Schema is checked against them.
 */
public final class DocumentFields {
  /** The document's {@code apiVersion}. */
  public static final String API_VERSION = "kubetopology.io/v1alpha1";

  /** The document's {@code kind}. */
  public static final String KIND = "ClusterTopology";

  static final Set<String> TOPOLOGY =
      fields(
          "apiVersion",
          "kind",
          "name",
          "kubernetesVersion",
          "nodes",
          "etcd",
          "apiEndpoint",
          "controlPlaneEndpoint",
          "apiServerPort",
          "extraCertSans",
          "networking",
          "images",
          "secrets");
  static final Set<String> NODE =
      fields("name", "address", "interfaceName", "roles", "labels", "criSocket");
  static final Set<String> ETCD = fields("stacked", "external");
  static final Set<String> STACKED_ETCD = fields();
  static final Set<String> EXTERNAL_ETCD = fields("endpoints", "caFile", "certFile", "keyFile");
  static final Set<String> API_ENDPOINT =
      fields("none", "haproxyKeepalived", "kubeVip", "externalLoadBalancer");
  static final Set<String> NO_API_ENDPOINT = fields();
  static final Set<String> HAPROXY_KEEPALIVED =
      fields(
          "virtualIp",
          "interfaceName",
          "frontendPort",
          "virtualRouterId",
          "advertIntervalSeconds",
          "unicast",
          "checkIntervalSeconds",
          "checkFall",
          "checkRise",
          "virtualRouterIdsInUse",
          "multicastAvailable",
          "placement",
          "bindToVirtualIp",
          "preempt",
          "workerLocalProxyPort");
  static final Set<String> KUBE_VIP =
      fields(
          "virtualIp",
          "interfaceName",
          "leaseDurationSeconds",
          "renewDeadlineSeconds",
          "retryPeriodSeconds",
          "workerLocalProxyPort");
  static final Set<String> EXTERNAL_LOAD_BALANCER =
      fields("host", "port", "tlsMode", "workerLocalProxyPort");
  static final Set<String> NETWORKING =
      fields(
          "podSubnets",
          "serviceSubnets",
          "dnsDomain",
          "nodeCidrMaskSizeIpv4",
          "nodeCidrMaskSizeIpv6");
  static final Set<String> IMAGES =
      fields("imageRepository", "haproxyImage", "keepalivedImage", "kubeVipImage");
  static final Set<String> SECRETS =
      fields(
          "bootstrapToken",
          "certificateKey",
          "vrrpPassword",
          "clusterCaCertificate",
          "clusterCaKey");

  /** The role names of the document, in {@link Role} order. */
  static final Map<String, Role> ROLES = roles();

  private DocumentFields() {}

  /** Returns every object's field names by object name, for schema checks. */
  public static Map<String, Set<String>> all() {
    Map<String, Set<String>> all = new LinkedHashMap<>();
    all.put("ClusterTopology", TOPOLOGY);
    all.put("Node", NODE);
    all.put("Etcd", ETCD);
    all.put("StackedEtcd", STACKED_ETCD);
    all.put("ExternalEtcd", EXTERNAL_ETCD);
    all.put("ApiEndpoint", API_ENDPOINT);
    all.put("NoApiEndpoint", NO_API_ENDPOINT);
    all.put("HaproxyKeepalived", HAPROXY_KEEPALIVED);
    all.put("KubeVip", KUBE_VIP);
    all.put("ExternalLoadBalancer", EXTERNAL_LOAD_BALANCER);
    all.put("Networking", NETWORKING);
    all.put("Images", IMAGES);
    all.put("Secrets", SECRETS);
    return all;
  }

  /** Returns the document names of the roles. */
  public static Set<String> roleNames() {
    return ROLES.keySet();
  }

  private static Set<String> fields(String... names) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }

  private static Map<String, Role> roles() {
    Map<String, Role> roles = new LinkedHashMap<>();
    roles.put("controlPlane", Role.CONTROL_PLANE);
    roles.put("worker", Role.WORKER);
    roles.put("etcd", Role.ETCD);
    roles.put("loadBalancer", Role.LOAD_BALANCER);
    return java.util.Collections.unmodifiableMap(roles);
  }

  /** Returns the document name of {@code role}. */
  static String roleName(Role role) {
    return ROLES.entrySet().stream()
        .filter(entry -> entry.getValue() == role)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }
}
