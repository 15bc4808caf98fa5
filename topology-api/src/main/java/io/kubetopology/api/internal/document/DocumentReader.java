package io.kubetopology.api.internal.document;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.InterfaceAddress;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.KubernetesVersion;
import io.kubetopology.api.Networking;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.api.TopologyDocumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a topology document into a {@link ClusterTopology}, collecting every problem with its line,
 * column and field path before giving up.
 */
public final class DocumentReader {
  static final Map<String, HaproxyKeepalived.Placement> PLACEMENTS =
      orderedMap(
          "staticPods", HaproxyKeepalived.Placement.STATIC_PODS,
          "osServices", HaproxyKeepalived.Placement.OS_SERVICES,
          "loadBalancerHosts", HaproxyKeepalived.Placement.LOAD_BALANCER_HOSTS);
  static final Map<String, ExternalLoadBalancer.TlsMode> TLS_MODES =
      orderedMap(
          "passthrough", ExternalLoadBalancer.TlsMode.PASSTHROUGH,
          "termination", ExternalLoadBalancer.TlsMode.TERMINATION);

  private final Problems problems;

  private DocumentReader(String source) {
    this.problems = new Problems(source);
  }

  /**
   * Reads {@code text}, labelled {@code source} in messages.
   *
   * @throws TopologyDocumentException with every problem, if the document cannot be read
   */
  public static ClusterTopology read(String text, String source, long maxBytes) {
    DocumentReader reader = new DocumentReader(source);
    Optional<ClusterTopology> topology =
        DocumentParser.parse(text, source, maxBytes, reader.problems)
            .flatMap(root -> reader.readTopology(root));
    if (!reader.problems.isEmpty() || topology.isEmpty()) {
      throw new TopologyDocumentException(reader.problems.list());
    }
    return topology.get();
  }

  private Optional<ClusterTopology> readTopology(org.snakeyaml.engine.v2.nodes.Node root) {
    Optional<Fields> opened = Fields.open(root, "", DocumentFields.TOPOLOGY, problems);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = opened.get();
    checkHeader(fields);
    ClusterTopology.Builder builder = ClusterTopology.builder();
    fields.requiredString("name").ifPresent(builder::name);
    fields
        .requiredParsed("kubernetesVersion", KubernetesVersion::parse)
        .ifPresent(builder::kubernetesVersion);
    fields.sequence("nodes").ifPresent(nodes -> readNodes(nodes, fields.child("nodes"), builder));
    fields.value("etcd").flatMap(value -> readEtcd(value, "etcd")).ifPresent(builder::etcd);
    fields
        .value("apiEndpoint")
        .flatMap(value -> readApiEndpoint(value, "apiEndpoint"))
        .ifPresent(builder::apiEndpoint);
    fields
        .parsed("controlPlaneEndpoint", ControlPlaneEndpoint::parse)
        .ifPresent(builder::controlPlaneEndpoint);
    fields.integer("apiServerPort").ifPresent(builder::apiServerPort);
    fields.strings("extraCertSans").ifPresent(builder::addAllExtraCertSans);
    fields
        .value("networking")
        .flatMap(value -> readNetworking(value, "networking"))
        .ifPresent(builder::networking);
    fields.value("images").flatMap(value -> readImages(value, "images")).ifPresent(builder::images);
    fields
        .value("secrets")
        .flatMap(value -> readSecrets(value, "secrets"))
        .ifPresent(builder::secrets);
    return build(fields, builder::build);
  }

  private void checkHeader(Fields fields) {
    fields
        .requiredString("apiVersion")
        .filter(version -> !version.equals(DocumentFields.API_VERSION))
        .ifPresent(
            version ->
                problems.add(
                    fields.value("apiVersion").orElseThrow(),
                    "apiVersion",
                    "unsupported apiVersion '" + version + "'; use " + DocumentFields.API_VERSION));
    fields
        .requiredString("kind")
        .filter(kind -> !kind.equals(DocumentFields.KIND))
        .ifPresent(
            kind ->
                problems.add(
                    fields.value("kind").orElseThrow(),
                    "kind",
                    "unsupported kind '" + kind + "'; use " + DocumentFields.KIND));
  }

  private void readNodes(
      List<org.snakeyaml.engine.v2.nodes.Node> nodes,
      String path,
      ClusterTopology.Builder builder) {
    for (int i = 0; i < nodes.size(); i++) {
      readNode(nodes.get(i), path + "[" + i + "]").ifPresent(builder::addNode);
    }
  }

  private Optional<Node> readNode(org.snakeyaml.engine.v2.nodes.Node value, String path) {
    Optional<Fields> opened = Fields.open(value, path, DocumentFields.NODE, problems);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = opened.get();
    Node.Builder builder = Node.builder();
    fields.requiredString("name").ifPresent(builder::name);
    fields.requiredParsed("address", InterfaceAddress::parse).ifPresent(builder::address);
    fields.string("interfaceName").ifPresent(builder::interfaceName);
    fields.required("roles");
    fields.strings("roles").ifPresent(roles -> readRoles(roles, fields, builder));
    fields.stringMap("labels").ifPresent(builder::putAllLabels);
    fields.string("criSocket").ifPresent(builder::criSocket);
    return build(fields, builder::build);
  }

  private void readRoles(List<String> roles, Fields fields, Node.Builder builder) {
    for (String role : roles) {
      Role parsed = DocumentFields.ROLES.get(role);
      if (parsed == null) {
        problems.add(
            fields.value("roles").orElseThrow(),
            fields.child("roles"),
            "unknown role '"
                + role
                + "'"
                + Suggestions.closest(role, DocumentFields.ROLES.keySet())
                    .map(c -> "; did you mean '" + c + "'?")
                    .orElse("")
                + " Known roles: "
                + String.join(", ", DocumentFields.ROLES.keySet())
                + ".");
      } else {
        builder.addRole(parsed);
      }
    }
  }

  private Optional<EtcdTopology> readEtcd(org.snakeyaml.engine.v2.nodes.Node value, String path) {
    Optional<Fields> choice = oneOf(value, path, DocumentFields.ETCD);
    if (choice.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = choice.get();
    if (fields.has("stacked")) {
      Fields.open(
          fields.value("stacked").orElseThrow(),
          fields.child("stacked"),
          DocumentFields.STACKED_ETCD,
          problems);
      return Optional.of(EtcdTopology.stacked());
    }
    return Fields.open(
            fields.value("external").orElseThrow(),
            fields.child("external"),
            DocumentFields.EXTERNAL_ETCD,
            problems)
        .flatMap(this::readExternalEtcd);
  }

  /**
   * Reads external etcd. A TLS file that the document leaves out keeps kubeadm's path, and an empty
   * string means no file, as in kubeadm's {@code etcd.external}.
   */
  private Optional<EtcdTopology> readExternalEtcd(Fields fields) {
    EtcdTopology.Builder builder = EtcdTopology.external();
    fields.strings("endpoints").ifPresent(builder::addAllEndpoints);
    fields.string("caFile").ifPresent(file -> builder.caFile(nonEmpty(file)));
    fields.string("certFile").ifPresent(file -> builder.certFile(nonEmpty(file)));
    fields.string("keyFile").ifPresent(file -> builder.keyFile(nonEmpty(file)));
    return build(fields, builder::build);
  }

  private static Optional<String> nonEmpty(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private Optional<ApiEndpointAccess> readApiEndpoint(
      org.snakeyaml.engine.v2.nodes.Node value, String path) {
    Optional<Fields> choice = oneOf(value, path, DocumentFields.API_ENDPOINT);
    if (choice.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = choice.get();
    String kind = fields.names().iterator().next();
    if (kind.equals("none")) {
      Fields.open(
          fields.value("none").orElseThrow(),
          fields.child("none"),
          DocumentFields.NO_API_ENDPOINT,
          problems);
      return Optional.of(ApiEndpointAccess.none());
    }
    Optional<Fields> access =
        Fields.open(
            fields.value(kind).orElseThrow(),
            fields.child(kind),
            switch (kind) {
              case "kubeVip" -> DocumentFields.KUBE_VIP;
              case "externalLoadBalancer" -> DocumentFields.EXTERNAL_LOAD_BALANCER;
              default -> DocumentFields.HAPROXY_KEEPALIVED;
            },
            problems);
    return switch (kind) {
      case "kubeVip" -> access.flatMap(this::readKubeVip);
      case "externalLoadBalancer" -> access.flatMap(this::readExternalLoadBalancer);
      default -> access.flatMap(this::readHaproxyKeepalived);
    };
  }

  private Optional<ApiEndpointAccess> readHaproxyKeepalived(Fields fields) {
    HaproxyKeepalived.Builder builder = HaproxyKeepalived.builder();
    fields.requiredParsed("virtualIp", IpAddress::parse).ifPresent(builder::virtualIp);
    fields.string("interfaceName").ifPresent(builder::interfaceName);
    fields.integer("frontendPort").ifPresent(builder::frontendPort);
    fields.integer("virtualRouterId").ifPresent(builder::virtualRouterId);
    fields.integer("advertIntervalSeconds").ifPresent(builder::advertIntervalSeconds);
    fields.bool("unicast").ifPresent(builder::unicast);
    fields.integer("checkIntervalSeconds").ifPresent(builder::checkIntervalSeconds);
    fields.integer("checkFall").ifPresent(builder::checkFall);
    fields.integer("checkRise").ifPresent(builder::checkRise);
    fields.integers("virtualRouterIdsInUse").ifPresent(builder::addAllVirtualRouterIdsInUse);
    fields.bool("multicastAvailable").ifPresent(builder::multicastAvailable);
    fields.choice("placement", PLACEMENTS).ifPresent(builder::placement);
    fields.bool("bindToVirtualIp").ifPresent(builder::bindToVirtualIp);
    fields.bool("preempt").ifPresent(builder::preempt);
    fields.integer("workerLocalProxyPort").ifPresent(builder::workerLocalProxyPort);
    return build(fields, builder::build);
  }

  private Optional<ApiEndpointAccess> readKubeVip(Fields fields) {
    KubeVip.Builder builder = KubeVip.builder();
    fields.requiredParsed("virtualIp", IpAddress::parse).ifPresent(builder::virtualIp);
    fields.string("interfaceName").ifPresent(builder::interfaceName);
    fields.integer("leaseDurationSeconds").ifPresent(builder::leaseDurationSeconds);
    fields.integer("renewDeadlineSeconds").ifPresent(builder::renewDeadlineSeconds);
    fields.integer("retryPeriodSeconds").ifPresent(builder::retryPeriodSeconds);
    fields.integer("workerLocalProxyPort").ifPresent(builder::workerLocalProxyPort);
    return build(fields, builder::build);
  }

  private Optional<ApiEndpointAccess> readExternalLoadBalancer(Fields fields) {
    ExternalLoadBalancer.Builder builder = ExternalLoadBalancer.builder();
    fields.requiredString("host").ifPresent(builder::host);
    fields.integer("port").ifPresent(builder::port);
    fields.choice("tlsMode", TLS_MODES).ifPresent(builder::tlsMode);
    fields.integer("workerLocalProxyPort").ifPresent(builder::workerLocalProxyPort);
    return build(fields, builder::build);
  }

  private Optional<Networking> readNetworking(
      org.snakeyaml.engine.v2.nodes.Node value, String path) {
    Optional<Fields> opened = Fields.open(value, path, DocumentFields.NETWORKING, problems);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = opened.get();
    Networking.Builder builder = Networking.builder();
    fields.parsedList("podSubnets", Cidr::parse).ifPresent(builder::addAllPodSubnets);
    fields.parsedList("serviceSubnets", Cidr::parse).ifPresent(builder::addAllServiceSubnets);
    fields.string("dnsDomain").ifPresent(builder::dnsDomain);
    fields.integer("nodeCidrMaskSizeIpv4").ifPresent(builder::nodeCidrMaskSizeIpv4);
    fields.integer("nodeCidrMaskSizeIpv6").ifPresent(builder::nodeCidrMaskSizeIpv6);
    return build(fields, builder::build);
  }

  private Optional<ImageSettings> readImages(
      org.snakeyaml.engine.v2.nodes.Node value, String path) {
    Optional<Fields> opened = Fields.open(value, path, DocumentFields.IMAGES, problems);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = opened.get();
    ImageSettings.Builder builder = ImageSettings.builder();
    fields.string("imageRepository").ifPresent(builder::imageRepository);
    fields.string("haproxyImage").ifPresent(builder::haproxyImage);
    fields.string("keepalivedImage").ifPresent(builder::keepalivedImage);
    fields.string("kubeVipImage").ifPresent(builder::kubeVipImage);
    return build(fields, builder::build);
  }

  private Optional<ClusterSecrets> readSecrets(
      org.snakeyaml.engine.v2.nodes.Node value, String path) {
    Optional<Fields> opened = Fields.open(value, path, DocumentFields.SECRETS, problems);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = opened.get();
    ClusterSecrets.Builder builder = ClusterSecrets.builder();
    // Secret values are never quoted back in messages, so only their presence and type are read.
    fields.string("bootstrapToken").filter(s -> !s.isEmpty()).ifPresent(builder::bootstrapToken);
    fields.string("certificateKey").filter(s -> !s.isEmpty()).ifPresent(builder::certificateKey);
    fields.string("vrrpPassword").filter(s -> !s.isEmpty()).ifPresent(builder::vrrpPassword);
    Optional<String> caCertificate = fields.string("clusterCaCertificate");
    Optional<String> caKey = fields.string("clusterCaKey");
    if (caCertificate.isPresent() != caKey.isPresent()) {
      problems.add(
          fields.node(),
          fields.path(),
          "secrets gives only one of clusterCaCertificate and clusterCaKey; give both PEM texts,"
              + " of ca.crt and ca.key, or neither");
    }
    return build(
        fields,
        () -> {
          caCertificate.ifPresent(certificate -> builder.clusterCa(certificate, caKey.get()));
          return builder.build();
        });
  }

  @SafeVarargs
  private static <T> Map<String, T> orderedMap(Object... namesAndValues) {
    Map<String, T> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      T value = (T) namesAndValues[i + 1];
      map.put((String) namesAndValues[i], value);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Opens a mapping that must name exactly one of {@code choices}. */
  private Optional<Fields> oneOf(
      org.snakeyaml.engine.v2.nodes.Node value, String path, Set<String> choices) {
    Optional<Fields> opened = Fields.open(value, path, choices, problems);
    if (opened.isPresent() && opened.get().names().size() != 1) {
      problems.add(
          value,
          path,
          "expected exactly one of "
              + String.join(", ", choices)
              + ", got "
              + (opened.get().names().isEmpty()
                  ? "none"
                  : String.join(", ", opened.get().names())));
      return Optional.empty();
    }
    return opened;
  }

  /**
   * Builds a value once its fields are read. A builder check that fails is reported at the mapping.
   * Nothing is built while problems are pending, because a half-read value would only add follow-on
   * errors.
   */
  private <T> Optional<T> build(Fields fields, Supplier<T> build) {
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(build.get());
    } catch (IllegalArgumentException | IllegalStateException e) {
      problems.add(fields.node(), fields.path(), e.getMessage());
      return Optional.empty();
    }
  }
}
