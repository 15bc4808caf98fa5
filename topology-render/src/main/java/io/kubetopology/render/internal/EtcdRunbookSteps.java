package io.kubetopology.render.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdMember;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Appends the runbook steps that come before {@code kubeadm init} with external etcd. For etcd
 * hosts in the topology they follow the kubeadm guide to an HA etcd cluster: the etcd-only kubelet,
 * the etcd CA once on the first etcd host, each member's certificates, their copies without the CA
 * key, {@code kubeadm init phase etcd local}, a health check, and the client certificate for the
 * first control plane. For an etcd cluster managed elsewhere only the last step remains.
 */
final class EtcdRunbookSteps {
  private static final String CERT_PHASES_ROOT = "/root/etcd-certs";

  private static final List<String> MEMBER_CERT_PHASES =
      List.of("etcd-server", "etcd-peer", "etcd-healthcheck-client", "apiserver-etcd-client");

  private final ClusterTopology topology;
  private final Node firstControlPlane;
  private final StringBuilder out;
  private final Consumer<String> heading;
  private final List<Node> hosts;

  private EtcdRunbookSteps(
      ClusterTopology topology,
      Node firstControlPlane,
      StringBuilder out,
      Consumer<String> heading) {
    this.topology = topology;
    this.firstControlPlane = firstControlPlane;
    this.out = out;
    this.heading = heading;
    this.hosts = topology.nodes().stream().filter(node -> node.hasRole(Role.ETCD)).toList();
  }

  /**
   * Appends the steps to {@code out}, starting each with {@code heading}, which numbers it. Appends
   * nothing for stacked etcd.
   */
  static void append(
      ClusterTopology topology,
      Node firstControlPlane,
      StringBuilder out,
      Consumer<String> heading) {
    if (!topology.etcd().isExternal()) {
      return;
    }
    new EtcdRunbookSteps(topology, firstControlPlane, out, heading).append();
  }

  private void append() {
    if (!hosts.isEmpty()) {
      appendKubeletRestart();
      appendCertificates();
      appendCertificateCopies();
      appendEtcdStart();
      appendHealthCheck();
    }
    appendClientCertificateCopy();
  }

  private String hostNames() {
    return joinWithAnd(hosts.stream().map(Node::name).toList());
  }

  /** Joins {@code items} as an English list: {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String joinWithAnd(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private Node firstHost() {
    return hosts.get(0);
  }

  private List<Node> otherHosts() {
    return hosts.subList(1, hosts.size());
  }

  private void appendKubeletRestart() {
    heading.accept("Start the etcd-only kubelet on the etcd hosts");
    out.append("Each etcd host needs a container runtime, kubelet and kubeadm. The installed")
        .append(" drop-in `20-etcd-service-manager.conf` starts kubelet with `")
        .append(NodePaths.ETCD_KUBELET_CONFIG)
        .append("`, so that it runs the static pods in `")
        .append(NodePaths.MANIFESTS_DIR)
        .append("` without joining a cluster:\n\n```sh\n");
    out.append("# on ").append(hostNames()).append('\n');
    out.append("systemctl daemon-reload\nsystemctl restart kubelet\n```\n\n");
  }

  private void appendCertificates() {
    heading.accept("Create the etcd certificates on " + firstHost().name());
    out.append("kubeadm creates the etcd CA once, then the certificates of each member from that")
        .append(" member's configuration. ");
    if (!otherHosts().isEmpty()) {
      List<String> folders =
          otherHosts().stream().map(node -> "`nodes/" + node.name() + "/`").toList();
      out.append(folders.size() == 1 ? "Copy the folder " : "Copy the folders ")
          .append(joinWithAnd(folders))
          .append(" to ")
          .append(firstHost().name())
          .append(" as well, because etcd host folders contain no secret. ");
    }
    out.append("Run this on ")
        .append(firstHost().name())
        .append(", in the folder that holds `nodes/`:\n\n```sh\n");
    out.append("kubeadm init phase certs etcd-ca\n");
    for (Node host : otherHosts()) {
      appendMemberCertificatesMovedAside(host);
    }
    out.append("# certificates of ").append(firstHost().name()).append(", which stay in place\n");
    appendCertPhases(NodePaths.KUBEADM_CONFIG);
    if (!otherHosts().isEmpty()) {
      out.append("# the etcd CA key stays on ").append(firstHost().name()).append(" only\n");
      out.append("find ").append(CERT_PHASES_ROOT).append(" -name ca.key -type f -delete\n");
    }
    out.append("```\n\n");
  }

  private void appendMemberCertificatesMovedAside(Node host) {
    String folder = CERT_PHASES_ROOT + "/" + host.name();
    out.append("# certificates of ").append(host.name()).append(", moved to ").append(folder);
    out.append('\n');
    appendCertPhases(BundlePlanner.nodePath(host, NodePaths.KUBEADM_CONFIG));
    out.append("mkdir -p -m 0700 ").append(folder).append('\n');
    out.append("cp -R /etc/kubernetes/pki ").append(folder).append("/\n");
    out.append("find /etc/kubernetes/pki -not -name ca.crt -not -name ca.key -type f -delete\n");
  }

  private void appendCertPhases(String config) {
    for (String phase : MEMBER_CERT_PHASES) {
      out.append("kubeadm init phase certs ")
          .append(phase)
          .append(" --config ")
          .append(config)
          .append('\n');
    }
  }

  private void appendCertificateCopies() {
    if (otherHosts().isEmpty()) {
      return;
    }
    heading.accept("Copy the certificates to the other etcd hosts");
    out.append("Copy each host's `pki` folder to `/etc/kubernetes/pki` on that host, owned by")
        .append(" root, keeping the keys at mode 0600. The commands below assume root may log in")
        .append(" with SSH; otherwise copy as your user to a temporary folder and move the files")
        .append(" into place with sudo. For example, from ")
        .append(firstHost().name())
        .append(":\n\n```sh\n");
    for (Node host : otherHosts()) {
      out.append("scp -r ")
          .append(CERT_PHASES_ROOT)
          .append('/')
          .append(host.name())
          .append("/pki root@")
          .append(host.address().address().toUriHost())
          .append(":/etc/kubernetes/\n");
    }
    out.append("```\n\n");
  }

  private void appendEtcdStart() {
    heading.accept("Start etcd on the etcd hosts");
    out.append("kubeadm writes the etcd static pod, and kubelet starts it:\n\n```sh\n");
    out.append("# on ").append(hostNames()).append('\n');
    out.append("kubeadm init phase etcd local --config ")
        .append(NodePaths.KUBEADM_CONFIG)
        .append("\n```\n\n");
  }

  private void appendHealthCheck() {
    heading.accept("Check the etcd cluster");
    out.append("Every member reports healthy once all of them run. etcdctl comes with etcd;")
        .append(" on a host without it, run the command in the etcd container with `crictl")
        .append(" exec`.\n\n```sh\n");
    out.append("# on ").append(firstHost().name()).append('\n');
    out.append("ETCDCTL_API=3 etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt")
        .append(" --cert /etc/kubernetes/pki/etcd/peer.crt")
        .append(" --key /etc/kubernetes/pki/etcd/peer.key --endpoints ")
        .append(EtcdMember.of(firstHost()).clientUrl())
        .append(" endpoint health --cluster\n```\n\n");
  }

  private void appendClientCertificateCopy() {
    EtcdTopology etcd = topology.etcd();
    if (etcd.caFile().isEmpty() || etcd.certFile().isEmpty() || etcd.keyFile().isEmpty()) {
      return;
    }
    heading.accept("Copy the etcd client certificate to " + firstControlPlane.name());
    out.append("`kubeadm init` on ")
        .append(firstControlPlane.name())
        .append(" connects to etcd with these files, and `--upload-certs` shares them with the")
        .append(" control planes that join. ");
    if (hosts.isEmpty()) {
      out.append("Place the CA certificate, the client certificate and its key of the etcd")
          .append(" cluster at these paths:\n\n```sh\n");
      out.append(etcd.caFile().get()).append('\n');
      out.append(etcd.certFile().get()).append('\n');
      out.append(etcd.keyFile().get()).append("\n```\n\n");
      return;
    }
    out.append("For example:\n\n```sh\n");
    out.append("# on ").append(firstControlPlane.name()).append('\n');
    out.append("mkdir -p ").append(targetDirectories(etcd)).append('\n');
    out.append("# on ").append(firstHost().name()).append('\n');
    appendCopy(EtcdTopology.DEFAULT_CA_FILE, etcd.caFile().get());
    appendCopy(EtcdTopology.DEFAULT_CERT_FILE, etcd.certFile().get());
    appendCopy(EtcdTopology.DEFAULT_KEY_FILE, etcd.keyFile().get());
    out.append("```\n\n");
  }

  /** Returns the directories of the three files, leaving out those that mkdir -p creates anyway. */
  private static String targetDirectories(EtcdTopology etcd) {
    TreeSet<Path> directories = new TreeSet<>();
    for (String file : List.of(etcd.caFile().get(), etcd.certFile().get(), etcd.keyFile().get())) {
      directories.add(Path.of(file).getParent());
    }
    return directories.stream()
        .filter(
            directory ->
                directories.stream()
                    .noneMatch(other -> !other.equals(directory) && other.startsWith(directory)))
        .map(Path::toString)
        .collect(Collectors.joining(" "));
  }

  /** Appends an scp from the path kubeadm wrote on the first etcd host to the control plane. */
  private void appendCopy(String source, String target) {
    out.append("scp ")
        .append(source)
        .append(" root@")
        .append(firstControlPlane.address().address().toUriHost())
        .append(':')
        .append(target)
        .append('\n');
  }
}
