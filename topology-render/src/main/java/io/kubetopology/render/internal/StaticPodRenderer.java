package io.kubetopology.render.internal;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
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
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the haproxy and keepalived static pods that kubelet starts from {@link
 * NodePaths#MANIFESTS_DIR} on every control plane, and the haproxy static pod of a worker's local
 * proxy. All use the host network, so haproxy listens on the node's addresses and keepalived can
 * add the virtual IP to a node interface.
 */
public final class StaticPodRenderer {
  /** The namespace of every static pod kubeadm creates. */
  static final String NAMESPACE = "kube-system";

  /** The {@code tier} label of the pods on control planes. */
  static final String CONTROL_PLANE_TIER = "control-plane";

  /** The {@code tier} label of the pods on workers. */
  static final String NODE_TIER = "node";

  /** The built-in priority class that keeps node-critical pods from being evicted first. */
  static final String PRIORITY_CLASS = "system-node-critical";

  /** haproxy's configuration path inside the official image. */
  static final String HAPROXY_CONFIG_IN_POD = "/usr/local/etc/haproxy/haproxy.cfg";

  /** The configuration path the osixia keepalived image starts keepalived with. */
  static final String KEEPALIVED_CONFIG_IN_POD = "/usr/local/etc/keepalived/keepalived.conf";

  /** Failed probes in a row before kubelet restarts haproxy, 80 s at the default 10 s period. */
  static final int HAPROXY_LIVENESS_FAILURE_THRESHOLD = 8;

  // The lowest port a process may bind without CAP_NET_BIND_SERVICE, Linux's default
  // net.ipv4.ip_unprivileged_port_start.
  private static final int FIRST_UNPRIVILEGED_PORT = 1024;

  private StaticPodRenderer() {}

  /**
   * Builds the haproxy static pod. It mounts {@link NodePaths#HAPROXY_CONFIG} read-only and is
   * restarted when its frontend stops forwarding to a live apiserver.
   */
  public static Pod haproxy(ClusterTopology topology, HaproxyKeepalived lb) {
    String probeHost = HaproxyConfigRenderer.bindsIpv6(topology, lb) ? "::1" : "127.0.0.1";
    return haproxy(topology, probeHost, lb.frontendPort(), CONTROL_PLANE_TIER);
  }

  /**
   * Builds the haproxy static pod of the local proxy on {@code worker}, which listens on the
   * worker's loopback address and {@code port}.
   */
  public static Pod workerProxy(ClusterTopology topology, Node worker, int port) {
    String probeHost = worker.address().address().isIpv4() ? "127.0.0.1" : "::1";
    return haproxy(topology, probeHost, port, NODE_TIER);
  }

  private static Pod haproxy(ClusterTopology topology, String probeHost, int port, String tier) {
    Container container = container("haproxy", topology.images().haproxyImage());
    container.setLivenessProbe(haproxyLivenessProbe(probeHost, port));
    container.setSecurityContext(haproxySecurityContext(port));
    container.setVolumeMounts(mutableList(readOnlyMount("haproxy-config", HAPROXY_CONFIG_IN_POD)));
    return staticPod(
        "haproxy",
        tier,
        container,
        List.of(hostPathFile("haproxy-config", NodePaths.HAPROXY_CONFIG)));
  }

  /**
   * Builds the keepalived static pod. It mounts {@link NodePaths#KEEPALIVED_CONFIG} and {@link
   * NodePaths#CHECK_APISERVER_SCRIPT} read-only and adds only the capabilities VRRP needs.
   */
  public static Pod keepalived(ClusterTopology topology, HaproxyKeepalived lb) {
    Container container = container("keepalived", topology.images().keepalivedImage());
    container.setEnv(mutableList(keepalivedImageEnv(lb)));
    container.setSecurityContext(keepalivedSecurityContext());
    container.setVolumeMounts(
        mutableList(
            readOnlyMount("keepalived-config", KEEPALIVED_CONFIG_IN_POD),
            readOnlyMount("check-apiserver", NodePaths.CHECK_APISERVER_SCRIPT)));
    return staticPod(
        "keepalived",
        CONTROL_PLANE_TIER,
        container,
        List.of(
            hostPathFile("keepalived-config", NodePaths.KEEPALIVED_CONFIG),
            hostPathFile("check-apiserver", NodePaths.CHECK_APISERVER_SCRIPT)));
  }

  /** Writes {@code pod} as a YAML manifest for {@link NodePaths#MANIFESTS_DIR}. */
  public static String toYaml(Pod pod) {
    return Yaml.write(PodTrees.toTree(pod));
  }

  /**
   * Builds a static pod around {@code container}. The fabric8 objects are built with constructors
   * and setters, because fabric8's builders copy every nested object at each step and cost several
   * times more. The result equals what the builders give.
   */
  static Pod staticPod(String name, String tier, Container container, List<Volume> volumes) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setNamespace(NAMESPACE);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("component", name);
    labels.put("tier", tier);
    metadata.setLabels(labels);
    PodSpec spec = new PodSpec();
    spec.setContainers(mutableList(container));
    spec.setHostNetwork(true);
    spec.setPriorityClassName(PRIORITY_CLASS);
    spec.setVolumes(new ArrayList<>(volumes));
    Pod pod = new Pod();
    pod.setMetadata(metadata);
    pod.setSpec(spec);
    return pod;
  }

  /** Returns a container that pulls {@code image} only when the node does not have it. */
  static Container container(String name, String image) {
    Container container = new Container();
    container.setName(name);
    container.setImage(image);
    container.setImagePullPolicy("IfNotPresent");
    return container;
  }

  @SafeVarargs
  static <T> List<T> mutableList(T... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  static <T> List<T> mutableList(List<T> items) {
    return new ArrayList<>(items);
  }

  /**
   * Checks that haproxy accepts connections on its frontend port. haproxy's own backend checks
   * track the apiservers behind it, and restarting haproxy while no apiserver is up, such as before
   * {@code kubeadm init} starts the first one, would fix nothing.
   */
  private static Probe haproxyLivenessProbe(String host, int port) {
    Probe probe = new Probe();
    probe.setTcpSocket(new TCPSocketAction(host, new IntOrString(port)));
    probe.setFailureThreshold(HAPROXY_LIVENESS_FAILURE_THRESHOLD);
    return probe;
  }

  /**
   * Drops every capability. The official image runs haproxy as the unprivileged user {@code
   * haproxy}, which has no effective capabilities anyway, so a port of 1024 or more needs none.
   */
  private static SecurityContext haproxySecurityContext(int frontendPort) {
    SecurityContext context = new SecurityContext();
    context.setAllowPrivilegeEscalation(false);
    if (frontendPort >= FIRST_UNPRIVILEGED_PORT) {
      context.setCapabilities(capabilities(List.of(), List.of("ALL")));
      return context;
    }
    // A capability added for a non-root user never becomes effective, and the image's haproxy
    // binary carries no file capabilities, so a privileged port needs root with only this one.
    // NOTE: this shape for ports below 1024 is not run against a cluster by the tests.
    context.setRunAsUser(0L);
    context.setCapabilities(capabilities(List.of("NET_BIND_SERVICE"), List.of("ALL")));
    return context;
  }

  private static SecurityContext keepalivedSecurityContext() {
    // NET_ADMIN adds and removes the VIP and NET_RAW sends VRRP adverts and gratuitous ARP.
    // NET_BROADCAST completes the set that the kubeadm HA guide and the osixia image's README add.
    SecurityContext context = new SecurityContext();
    context.setCapabilities(
        capabilities(List.of("NET_ADMIN", "NET_BROADCAST", "NET_RAW"), List.of()));
    return context;
  }

  /** Returns the Linux capabilities to add to and drop from a container's default set. */
  static Capabilities capabilities(List<String> add, List<String> drop) {
    return new Capabilities(new ArrayList<>(add), new ArrayList<>(drop));
  }

  /**
   * Returns the settings the osixia/keepalived 2.0.x image reads at start and stop. Its scripts
   * then delete from host interfaces only the virtual IP, such as a copy a crashed keepalived left
   * behind, instead of the image's default 192.168.1.231 and 192.168.1.232. Its default arguments
   * add {@code --dump-conf}, which would print the VRRP password to the pod log.
   */
  private static List<EnvVar> keepalivedImageEnv(HaproxyKeepalived lb) {
    // The image's start tool reads "#PYTHON2BASH:" values as Python literals, here a list.
    String virtualIps = "#PYTHON2BASH:['" + lb.virtualIp() + "']";
    return List.of(
        new EnvVar("KEEPALIVED_VIRTUAL_IPS", virtualIps, null),
        new EnvVar("KEEPALIVED_COMMAND_LINE_ARGUMENTS", "--log-detail", null));
  }

  static VolumeMount readOnlyMount(String name, String mountPath) {
    VolumeMount mount = new VolumeMount();
    mount.setName(name);
    mount.setMountPath(mountPath);
    mount.setReadOnly(true);
    return mount;
  }

  /**
   * Returns a hostPath volume of type File, so kubelet refuses to start the pod while the file is
   * missing instead of mounting an empty directory in its place.
   */
  static Volume hostPathFile(String name, String path) {
    Volume volume = new Volume();
    volume.setName(name);
    volume.setHostPath(new HostPathVolumeSource(path, "File"));
    return volume;
  }
}
