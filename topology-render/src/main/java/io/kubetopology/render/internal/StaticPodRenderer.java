package io.kubetopology.render.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import java.util.List;

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
    Container container =
        new ContainerBuilder()
            .withName("haproxy")
            .withImage(topology.images().haproxyImage())
            .withImagePullPolicy("IfNotPresent")
            .withLivenessProbe(haproxyLivenessProbe(probeHost, port))
            .withSecurityContext(haproxySecurityContext(port))
            .withVolumeMounts(readOnlyMount("haproxy-config", HAPROXY_CONFIG_IN_POD))
            .build();
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
    Container container =
        new ContainerBuilder()
            .withName("keepalived")
            .withImage(topology.images().keepalivedImage())
            .withImagePullPolicy("IfNotPresent")
            .withEnv(keepalivedImageEnv(lb))
            .withSecurityContext(keepalivedSecurityContext())
            .withVolumeMounts(
                readOnlyMount("keepalived-config", KEEPALIVED_CONFIG_IN_POD),
                readOnlyMount("check-apiserver", NodePaths.CHECK_APISERVER_SCRIPT))
            .build();
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
    return Yaml.write(pod);
  }

  static Pod staticPod(String name, String tier, Container container, List<Volume> volumes) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .addToLabels("component", name)
        .addToLabels("tier", tier)
        .endMetadata()
        .withNewSpec()
        .withContainers(container)
        .withHostNetwork(true)
        .withPriorityClassName(PRIORITY_CLASS)
        .withVolumes(volumes)
        .endSpec()
        .build();
  }

  /**
   * Checks that haproxy accepts connections on its frontend port. haproxy's own backend checks
   * track the apiservers behind it, and restarting haproxy while no apiserver is up, such as before
   * {@code kubeadm init} starts the first one, would fix nothing.
   */
  private static Probe haproxyLivenessProbe(String host, int port) {
    return new ProbeBuilder()
        .withNewTcpSocket()
        .withHost(host)
        .withPort(new IntOrString(port))
        .endTcpSocket()
        .withFailureThreshold(HAPROXY_LIVENESS_FAILURE_THRESHOLD)
        .build();
  }

  /**
   * Drops every capability. The official image runs haproxy as the unprivileged user {@code
   * haproxy}, which has no effective capabilities anyway, so a port of 1024 or more needs none.
   */
  private static SecurityContext haproxySecurityContext(int frontendPort) {
    if (frontendPort >= FIRST_UNPRIVILEGED_PORT) {
      return new SecurityContextBuilder()
          .withAllowPrivilegeEscalation(false)
          .withNewCapabilities()
          .withDrop("ALL")
          .endCapabilities()
          .build();
    }
    // A capability added for a non-root user never becomes effective, and the image's haproxy
    // binary carries no file capabilities, so a privileged port needs root with only this one.
    // NOTE: this shape for ports below 1024 is not run against a cluster by the tests.
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withRunAsUser(0L)
        .withNewCapabilities()
        .withDrop("ALL")
        .withAdd("NET_BIND_SERVICE")
        .endCapabilities()
        .build();
  }

  private static SecurityContext keepalivedSecurityContext() {
    // NET_ADMIN adds and removes the VIP and NET_RAW sends VRRP adverts and gratuitous ARP.
    // NET_BROADCAST completes the set that the kubeadm HA guide and the osixia image's README add.
    return new SecurityContextBuilder()
        .withNewCapabilities()
        .withAdd("NET_ADMIN", "NET_BROADCAST", "NET_RAW")
        .endCapabilities()
        .build();
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
    return new VolumeMountBuilder()
        .withName(name)
        .withMountPath(mountPath)
        .withReadOnly(true)
        .build();
  }

  /**
   * Returns a hostPath volume of type File, so kubelet refuses to start the pod while the file is
   * missing instead of mounting an empty directory in its place.
   */
  static Volume hostPathFile(String name, String path) {
    return new VolumeBuilder()
        .withName(name)
        .withNewHostPath()
        .withPath(path)
        .withType("File")
        .endHostPath()
        .build();
  }
}
