package io.kubetopology.api.internal.document;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.api.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a topology into the tree of a topology document: maps in the fixed field order of {@link
 * DocumentFields}, with defaults left out unless asked for.
 */
public final class DocumentWriter {
  private static final HaproxyKeepalived DEFAULT_LB =
      HaproxyKeepalived.builder().virtualIp("192.0.2.1").build();
  private static final KubeVip DEFAULT_KUBE_VIP = KubeVip.builder().virtualIp("192.0.2.1").build();
  private static final Networking DEFAULT_NETWORKING = Networking.defaults();
  private static final ImageSettings DEFAULT_IMAGES = ImageSettings.defaults();

  private final boolean includeDefaults;

  private DocumentWriter(boolean includeDefaults) {
    this.includeDefaults = includeDefaults;
  }

  /** Returns the document tree of {@code topology}; secrets are included when given. */
  public static Map<String, Object> toTree(ClusterTopology topology, boolean includeDefaults) {
    return new DocumentWriter(includeDefaults).topology(topology);
  }

  private Map<String, Object> topology(ClusterTopology topology) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", DocumentFields.API_VERSION);
    tree.put("kind", DocumentFields.KIND);
    tree.put("name", topology.name());
    tree.put("kubernetesVersion", topology.kubernetesVersion().toString());
    tree.put("nodes", topology.nodes().stream().map(this::node).toList());
    putUnlessDefault(tree, "etcd", etcd(topology.etcd()), etcd(EtcdTopology.stacked()));
    putUnlessDefault(
        tree,
        "apiEndpoint",
        apiEndpoint(topology.apiEndpoint()),
        apiEndpoint(ApiEndpointAccess.none()));
    topology
        .controlPlaneEndpoint()
        .ifPresent(endpoint -> tree.put("controlPlaneEndpoint", endpoint.toString()));
    putUnlessDefault(
        tree, "apiServerPort", topology.apiServerPort(), ClusterTopology.DEFAULT_API_SERVER_PORT);
    putUnlessDefault(tree, "extraCertSans", List.copyOf(topology.extraCertSans()), List.of());
    putUnlessEmpty(tree, "networking", networking(topology.networking()));
    putUnlessEmpty(tree, "images", images(topology.images()));
    putUnlessEmpty(tree, "secrets", secrets(topology.secrets()));
    return tree;
  }

  private Map<String, Object> node(Node node) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", node.name());
    tree.put("address", node.address().toString());
    node.interfaceName().ifPresent(name -> tree.put("interfaceName", name));
    List<String> roles = new ArrayList<>();
    for (Role role : node.roles()) {
      roles.add(DocumentFields.roleName(role));
    }
    tree.put("roles", roles);
    putUnlessDefault(tree, "labels", new LinkedHashMap<>(node.labels()), Map.of());
    putUnlessDefault(tree, "criSocket", node.criSocket(), Node.DEFAULT_CRI_SOCKET);
    return tree;
  }

  private Map<String, Object> etcd(EtcdTopology etcd) {
    Map<String, Object> tree = new LinkedHashMap<>();
    if (etcd.kind() == EtcdTopology.Kind.STACKED) {
      tree.put("stacked", new LinkedHashMap<>());
      return tree;
    }
    Map<String, Object> external = new LinkedHashMap<>();
    putUnlessDefault(external, "endpoints", List.copyOf(etcd.endpoints()), List.of());
    putTlsFile(external, "caFile", etcd.caFile(), EtcdTopology.DEFAULT_CA_FILE);
    putTlsFile(external, "certFile", etcd.certFile(), EtcdTopology.DEFAULT_CERT_FILE);
    putTlsFile(external, "keyFile", etcd.keyFile(), EtcdTopology.DEFAULT_KEY_FILE);
    tree.put("external", external);
    return tree;
  }

  /**
   * Writes a TLS file path unless it is kubeadm's default, which the reader fills in, and an empty
   * string for no file, as kubeadm's {@code etcd.external} does.
   */
  private void putTlsFile(
      Map<String, Object> tree, String name, Optional<String> file, String defaultPath) {
    putUnlessDefault(tree, name, file.orElse(""), defaultPath);
  }

  private Map<String, Object> apiEndpoint(ApiEndpointAccess access) {
    Map<String, Object> tree = new LinkedHashMap<>();
    if (access instanceof HaproxyKeepalived lb) {
      tree.put("haproxyKeepalived", haproxyKeepalived(lb));
    } else if (access instanceof KubeVip kubeVip) {
      tree.put("kubeVip", kubeVip(kubeVip));
    } else if (access instanceof ExternalLoadBalancer external) {
      tree.put("externalLoadBalancer", externalLoadBalancer(external));
    } else {
      tree.put("none", new LinkedHashMap<>());
    }
    return tree;
  }

  private Map<String, Object> kubeVip(KubeVip kubeVip) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("virtualIp", kubeVip.virtualIp().toString());
    kubeVip.interfaceName().ifPresent(name -> tree.put("interfaceName", name));
    putUnlessDefault(
        tree,
        "leaseDurationSeconds",
        kubeVip.leaseDurationSeconds(),
        DEFAULT_KUBE_VIP.leaseDurationSeconds());
    putUnlessDefault(
        tree,
        "renewDeadlineSeconds",
        kubeVip.renewDeadlineSeconds(),
        DEFAULT_KUBE_VIP.renewDeadlineSeconds());
    putUnlessDefault(
        tree,
        "retryPeriodSeconds",
        kubeVip.retryPeriodSeconds(),
        DEFAULT_KUBE_VIP.retryPeriodSeconds());
    kubeVip.workerLocalProxyPort().ifPresent(port -> tree.put("workerLocalProxyPort", port));
    return tree;
  }

  private Map<String, Object> externalLoadBalancer(ExternalLoadBalancer external) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("host", external.host());
    putUnlessDefault(tree, "port", external.port(), ClusterTopology.DEFAULT_API_SERVER_PORT);
    putUnlessDefault(
        tree,
        "tlsMode",
        name(DocumentReader.TLS_MODES, external.tlsMode()),
        name(DocumentReader.TLS_MODES, ExternalLoadBalancer.TlsMode.PASSTHROUGH));
    external.workerLocalProxyPort().ifPresent(port -> tree.put("workerLocalProxyPort", port));
    return tree;
  }

  private static <T> String name(Map<String, T> names, T value) {
    return names.entrySet().stream()
        .filter(entry -> entry.getValue() == value)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private Map<String, Object> haproxyKeepalived(HaproxyKeepalived lb) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("virtualIp", lb.virtualIp().toString());
    lb.interfaceName().ifPresent(name -> tree.put("interfaceName", name));
    putUnlessDefault(tree, "frontendPort", lb.frontendPort(), DEFAULT_LB.frontendPort());
    putUnlessDefault(tree, "virtualRouterId", lb.virtualRouterId(), DEFAULT_LB.virtualRouterId());
    putUnlessDefault(
        tree,
        "advertIntervalSeconds",
        lb.advertIntervalSeconds(),
        DEFAULT_LB.advertIntervalSeconds());
    putUnlessDefault(tree, "unicast", lb.unicast(), DEFAULT_LB.unicast());
    putUnlessDefault(
        tree, "checkIntervalSeconds", lb.checkIntervalSeconds(), DEFAULT_LB.checkIntervalSeconds());
    putUnlessDefault(tree, "checkFall", lb.checkFall(), DEFAULT_LB.checkFall());
    putUnlessDefault(tree, "checkRise", lb.checkRise(), DEFAULT_LB.checkRise());
    putUnlessDefault(
        tree, "virtualRouterIdsInUse", List.copyOf(lb.virtualRouterIdsInUse()), List.of());
    putUnlessDefault(
        tree, "multicastAvailable", lb.multicastAvailable(), DEFAULT_LB.multicastAvailable());
    putUnlessDefault(
        tree,
        "placement",
        name(DocumentReader.PLACEMENTS, lb.placement()),
        name(DocumentReader.PLACEMENTS, DEFAULT_LB.placement()));
    putUnlessDefault(tree, "bindToVirtualIp", lb.bindToVirtualIp(), DEFAULT_LB.bindToVirtualIp());
    putUnlessDefault(tree, "preempt", lb.preempt(), DEFAULT_LB.preempt());
    lb.workerLocalProxyPort().ifPresent(port -> tree.put("workerLocalProxyPort", port));
    return tree;
  }

  private Map<String, Object> networking(Networking networking) {
    Map<String, Object> tree = new LinkedHashMap<>();
    putUnlessDefault(tree, "podSubnets", texts(networking.podSubnets()), List.of());
    putUnlessDefault(
        tree,
        "serviceSubnets",
        texts(networking.serviceSubnets()),
        texts(DEFAULT_NETWORKING.serviceSubnets()));
    putUnlessDefault(tree, "dnsDomain", networking.dnsDomain(), DEFAULT_NETWORKING.dnsDomain());
    putUnlessDefault(
        tree,
        "nodeCidrMaskSizeIpv4",
        networking.nodeCidrMaskSizeIpv4(),
        Networking.DEFAULT_NODE_CIDR_MASK_SIZE_IPV4);
    putUnlessDefault(
        tree,
        "nodeCidrMaskSizeIpv6",
        networking.nodeCidrMaskSizeIpv6(),
        Networking.DEFAULT_NODE_CIDR_MASK_SIZE_IPV6);
    return tree;
  }

  private static List<String> texts(List<?> values) {
    return values.stream().map(Object::toString).toList();
  }

  private Map<String, Object> images(ImageSettings images) {
    Map<String, Object> tree = new LinkedHashMap<>();
    putUnlessDefault(
        tree, "imageRepository", images.imageRepository(), DEFAULT_IMAGES.imageRepository());
    putUnlessDefault(tree, "haproxyImage", images.haproxyImage(), DEFAULT_IMAGES.haproxyImage());
    putUnlessDefault(
        tree, "keepalivedImage", images.keepalivedImage(), DEFAULT_IMAGES.keepalivedImage());
    putUnlessDefault(tree, "kubeVipImage", images.kubeVipImage(), DEFAULT_IMAGES.kubeVipImage());
    return tree;
  }

  private static Map<String, Object> secrets(ClusterSecrets secrets) {
    Map<String, Object> tree = new LinkedHashMap<>();
    putSecret(tree, "bootstrapToken", secrets.bootstrapToken());
    putSecret(tree, "certificateKey", secrets.certificateKey());
    putSecret(tree, "vrrpPassword", secrets.vrrpPassword());
    secrets
        .clusterCa()
        .ifPresent(
            ca -> {
              tree.put("clusterCaCertificate", ca.certificatePem());
              tree.put("clusterCaKey", ca.privateKeyPem().reveal());
            });
    return tree;
  }

  private static void putSecret(Map<String, Object> tree, String name, Optional<Secret> secret) {
    secret.ifPresent(value -> tree.put(name, value.reveal()));
  }

  private void putUnlessDefault(
      Map<String, Object> tree, String name, Object value, Object fallback) {
    if (includeDefaults || !Objects.equals(value, fallback)) {
      tree.put(name, value);
    }
  }

  private void putUnlessEmpty(Map<String, Object> tree, String name, Map<String, Object> value) {
    if (includeDefaults || !value.isEmpty()) {
      tree.put(name, value);
    }
  }
}
