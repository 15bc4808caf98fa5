package io.kubetopology.render.internal;

import io.kubetopology.render.internal.KubeadmApiVersion.TimeoutPlacement;
import io.kubetopology.render.internal.KubeadmModel.ApiEndpoint;
import io.kubetopology.render.internal.KubeadmModel.Arg;
import io.kubetopology.render.internal.KubeadmModel.BootstrapToken;
import io.kubetopology.render.internal.KubeadmModel.BootstrapTokenDiscovery;
import io.kubetopology.render.internal.KubeadmModel.ClusterConfiguration;
import io.kubetopology.render.internal.KubeadmModel.Document;
import io.kubetopology.render.internal.KubeadmModel.Etcd;
import io.kubetopology.render.internal.KubeadmModel.ExternalEtcd;
import io.kubetopology.render.internal.KubeadmModel.InitConfiguration;
import io.kubetopology.render.internal.KubeadmModel.JoinConfiguration;
import io.kubetopology.render.internal.KubeadmModel.JoinControlPlane;
import io.kubetopology.render.internal.KubeadmModel.LocalEtcd;
import io.kubetopology.render.internal.KubeadmModel.Networking;
import io.kubetopology.render.internal.KubeadmModel.NodeRegistration;
import io.kubetopology.render.internal.KubeadmModel.Timeouts;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts {@link KubeadmModel} documents into the map trees {@link Yaml#write} writes, in the
 * shape of one kubeadm API version. Keys are inserted in a fixed order, so equal documents give
 * equal text.
 */
final class KubeadmYamlTrees {
  /**
   * The order kubeadm v1beta4 uses when it converts a v1beta3 map into a list: by name, then by
   * value (kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/conversion.go).
   */
  static final Comparator<Arg> ARG_ORDER =
      Comparator.comparing(Arg::name).thenComparing(Arg::value);

  private KubeadmYamlTrees() {}

  /**
   * Converts the documents of one file into the trees of their kubeadm kinds for {@code version}.
   * They are converted together because v1beta3 writes the InitConfiguration's control plane
   * timeout into the ClusterConfiguration of the same file.
   */
  static List<Map<String, Object>> toTrees(List<Document> documents, KubeadmApiVersion version) {
    Optional<String> controlPlaneTimeout =
        documents.stream()
            .filter(InitConfiguration.class::isInstance)
            .map(document -> ((InitConfiguration) document).timeouts())
            .flatMap(timeouts -> timeouts.controlPlaneComponentHealthCheck().stream())
            .findFirst();
    return documents.stream()
        .map(document -> toTree(document, version, controlPlaneTimeout))
        .toList();
  }

  private static Map<String, Object> toTree(
      Document document, KubeadmApiVersion version, Optional<String> controlPlaneTimeout) {
    if (document instanceof InitConfiguration init) {
      return initTree(init, version);
    }
    if (document instanceof ClusterConfiguration cluster) {
      return clusterTree(cluster, version, controlPlaneTimeout);
    }
    return joinTree((JoinConfiguration) document, version);
  }

  /**
   * Converts extra arguments into a v1beta4 list of {@code {name, value}} entries sorted by {@link
   * #ARG_ORDER}, or a v1beta3 map from name to value sorted by name.
   *
   * @throws IllegalArgumentException if a name repeats and {@code version} stores a map
   */
  static Object extraArgs(List<Arg> args, KubeadmApiVersion version) {
    List<Arg> sorted = args.stream().sorted(ARG_ORDER).toList();
    return version.argsAsList() ? argList(sorted) : argMap(sorted, version);
  }

  private static Map<String, Object> initTree(InitConfiguration init, KubeadmApiVersion version) {
    Map<String, Object> tree = documentHeader(version, "InitConfiguration");
    if (!init.bootstrapTokens().isEmpty()) {
      tree.put("bootstrapTokens", init.bootstrapTokens().stream().map(t -> tokenTree(t)).toList());
    }
    init.certificateKey().ifPresent(key -> tree.put("certificateKey", key.reveal()));
    tree.put("localAPIEndpoint", apiEndpointTree(init.localApiEndpoint()));
    tree.put("nodeRegistration", nodeRegistrationTree(init.nodeRegistration(), version));
    putTimeoutsBlock(tree, init.timeouts(), version);
    return tree;
  }

  private static Map<String, Object> tokenTree(BootstrapToken token) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("token", token.token().reveal());
    tree.put("ttl", token.ttl());
    tree.put("usages", token.usages());
    tree.put("groups", token.groups());
    return tree;
  }

  private static Map<String, Object> clusterTree(
      ClusterConfiguration cluster,
      KubeadmApiVersion version,
      Optional<String> controlPlaneTimeout) {
    Map<String, Object> tree = documentHeader(version, "ClusterConfiguration");
    tree.put("kubernetesVersion", cluster.kubernetesVersion());
    tree.put("clusterName", cluster.clusterName());
    cluster
        .controlPlaneEndpoint()
        .ifPresent(endpoint -> tree.put("controlPlaneEndpoint", endpoint));
    tree.put("imageRepository", cluster.imageRepository());
    cluster
        .networking()
        .ifPresent(networking -> tree.put("networking", networkingTree(networking)));
    Map<String, Object> apiServer = apiServerTree(cluster, version);
    if (version.timeoutPlacement() == TimeoutPlacement.COMPONENT_FIELDS) {
      controlPlaneTimeout.ifPresent(timeout -> apiServer.put("timeoutForControlPlane", timeout));
    }
    if (!apiServer.isEmpty()) {
      tree.put("apiServer", apiServer);
    }
    if (!cluster.controllerManagerExtraArgs().isEmpty()) {
      tree.put("controllerManager", controllerManagerTree(cluster, version));
    }
    tree.put("etcd", etcdTree(cluster.etcd(), version));
    return tree;
  }

  private static Map<String, Object> networkingTree(Networking networking) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("dnsDomain", networking.dnsDomain());
    tree.put("serviceSubnet", networking.serviceSubnet());
    networking.podSubnet().ifPresent(subnet -> tree.put("podSubnet", subnet));
    return tree;
  }

  private static Map<String, Object> apiServerTree(
      ClusterConfiguration cluster, KubeadmApiVersion version) {
    Map<String, Object> tree = new LinkedHashMap<>();
    if (!cluster.apiServerCertSans().isEmpty()) {
      tree.put("certSANs", cluster.apiServerCertSans());
    }
    if (!cluster.apiServerExtraArgs().isEmpty()) {
      tree.put("extraArgs", extraArgs(cluster.apiServerExtraArgs(), version));
    }
    return tree;
  }

  private static Map<String, Object> controllerManagerTree(
      ClusterConfiguration cluster, KubeadmApiVersion version) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("extraArgs", extraArgs(cluster.controllerManagerExtraArgs(), version));
    return tree;
  }

  private static Map<String, Object> etcdTree(Etcd etcd, KubeadmApiVersion version) {
    Map<String, Object> tree = new LinkedHashMap<>();
    if (etcd instanceof LocalEtcd local) {
      tree.put("local", localEtcdTree(local, version));
    } else {
      tree.put("external", externalEtcdTree((ExternalEtcd) etcd));
    }
    return tree;
  }

  private static Map<String, Object> localEtcdTree(LocalEtcd local, KubeadmApiVersion version) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("dataDir", local.dataDir());
    if (!local.extraArgs().isEmpty()) {
      tree.put("extraArgs", extraArgs(local.extraArgs(), version));
    }
    if (!local.serverCertSans().isEmpty()) {
      tree.put("serverCertSANs", local.serverCertSans());
    }
    if (!local.peerCertSans().isEmpty()) {
      tree.put("peerCertSANs", local.peerCertSans());
    }
    return tree;
  }

  private static Map<String, Object> externalEtcdTree(ExternalEtcd external) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("endpoints", external.endpoints());
    external.caFile().ifPresent(file -> tree.put("caFile", file));
    external.certFile().ifPresent(file -> tree.put("certFile", file));
    external.keyFile().ifPresent(file -> tree.put("keyFile", file));
    return tree;
  }

  private static Map<String, Object> joinTree(JoinConfiguration join, KubeadmApiVersion version) {
    Map<String, Object> tree = documentHeader(version, "JoinConfiguration");
    tree.put("discovery", discoveryTree(join, version));
    join.controlPlane()
        .ifPresent(controlPlane -> tree.put("controlPlane", controlPlaneTree(controlPlane)));
    tree.put("nodeRegistration", nodeRegistrationTree(join.nodeRegistration(), version));
    putTimeoutsBlock(tree, join.timeouts(), version);
    return tree;
  }

  private static Map<String, Object> discoveryTree(
      JoinConfiguration join, KubeadmApiVersion version) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("bootstrapToken", bootstrapTokenDiscoveryTree(join.discovery()));
    if (version.timeoutPlacement() == TimeoutPlacement.COMPONENT_FIELDS) {
      join.timeouts().discovery().ifPresent(timeout -> tree.put("timeout", timeout));
    }
    return tree;
  }

  private static Map<String, Object> bootstrapTokenDiscoveryTree(
      BootstrapTokenDiscovery discovery) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("token", discovery.token().reveal());
    tree.put("apiServerEndpoint", discovery.apiServerEndpoint());
    if (discovery.unsafeSkipCaVerification()) {
      tree.put("unsafeSkipCAVerification", true);
    } else {
      tree.put("caCertHashes", discovery.caCertHashes());
    }
    return tree;
  }

  /**
   * Writes v1beta4's {@code timeouts} block. v1beta3 has no such block: its control plane timeout
   * goes to the ClusterConfiguration and its discovery timeout to {@code discovery.timeout}, and it
   * has no field for a joining control plane's health check, which uses kubeadm's default.
   */
  private static void putTimeoutsBlock(
      Map<String, Object> tree, Timeouts timeouts, KubeadmApiVersion version) {
    if (version.timeoutPlacement() != TimeoutPlacement.TIMEOUTS_BLOCK) {
      return;
    }
    Map<String, Object> block = new LinkedHashMap<>();
    timeouts
        .controlPlaneComponentHealthCheck()
        .ifPresent(timeout -> block.put("controlPlaneComponentHealthCheck", timeout));
    timeouts.discovery().ifPresent(timeout -> block.put("discovery", timeout));
    if (!block.isEmpty()) {
      tree.put("timeouts", block);
    }
  }

  private static Map<String, Object> controlPlaneTree(JoinControlPlane controlPlane) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("localAPIEndpoint", apiEndpointTree(controlPlane.localApiEndpoint()));
    tree.put("certificateKey", controlPlane.certificateKey().reveal());
    return tree;
  }

  private static Map<String, Object> apiEndpointTree(ApiEndpoint endpoint) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("advertiseAddress", endpoint.advertiseAddress());
    endpoint.bindPort().ifPresent(port -> tree.put("bindPort", port));
    return tree;
  }

  private static Map<String, Object> nodeRegistrationTree(
      NodeRegistration registration, KubeadmApiVersion version) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("name", registration.name());
    tree.put("criSocket", registration.criSocket());
    if (!registration.kubeletExtraArgs().isEmpty()) {
      tree.put("kubeletExtraArgs", extraArgs(registration.kubeletExtraArgs(), version));
    }
    if (!registration.ignorePreflightErrors().isEmpty()) {
      tree.put("ignorePreflightErrors", registration.ignorePreflightErrors());
    }
    return tree;
  }

  private static Map<String, Object> documentHeader(KubeadmApiVersion version, String kind) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", version.apiVersion());
    tree.put("kind", kind);
    return tree;
  }

  private static List<Map<String, String>> argList(List<Arg> sorted) {
    return sorted.stream().map(arg -> argEntry(arg)).toList();
  }

  private static Map<String, String> argEntry(Arg arg) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("name", arg.name());
    entry.put("value", arg.value());
    return entry;
  }

  private static Map<String, String> argMap(List<Arg> sorted, KubeadmApiVersion version) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Arg arg : sorted) {
      if (map.putIfAbsent(arg.name(), arg.value()) != null) {
        throw new IllegalArgumentException(
            "extra argument '"
                + arg.name()
                + "' is given more than once, but "
                + version.apiVersion()
                + " stores extra arguments as a map with one value per name: give it once, or"
                + " target Kubernetes v1.31 or later, whose kubeadm API accepts repeated flags");
      }
    }
    return map;
  }
}
