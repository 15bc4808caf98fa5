package io.kubetopology.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One member of an external etcd cluster that the bundle sets up on a dedicated etcd host. The
 * member name is the node name, so etcd's {@code --name} and kubeadm's {@code
 * nodeRegistration.name} agree, and the URLs use etcd's standard ports over TLS.
 *
 * <pre>{@code
 * EtcdMember member = EtcdMember.of(Node.etcd("etcd-1", "10.0.1.11/24"));
 * member.peerUrl();   // https://10.0.1.11:2380
 * member.clientUrl(); // https://10.0.1.11:2379
 * }</pre>
 */
public final class EtcdMember {
  /** etcd's client port, where the apiservers and {@code etcdctl} connect. */
  public static final int CLIENT_PORT = 2379;

  /** etcd's peer port, where the members replicate to each other. */
  public static final int PEER_PORT = 2380;

  private final String name;
  private final IpAddress address;

  private EtcdMember(String name, IpAddress address) {
    this.name = name;
    this.address = address;
  }

  /** Creates the member that runs on {@code node}, named after it and reached at its address. */
  public static EtcdMember of(Node node) {
    return new EtcdMember(node.name(), node.address().address());
  }

  /**
   * Joins the members as etcd's {@code --initial-cluster} reads them: {@code NAME=PEER_URL} entries
   * separated by commas, in the given order.
   */
  public static String initialCluster(List<EtcdMember> members) {
    return members.stream()
        .map(member -> member.name() + "=" + member.peerUrl())
        .collect(Collectors.joining(","));
  }

  /** Returns the member name, etcd's {@code --name}; the etcd host's node name. */
  public String name() {
    return name;
  }

  /** Returns the etcd host's address. */
  public IpAddress address() {
    return address;
  }

  /**
   * Returns the peer URL, such as {@code https://10.0.1.11:2380}, with an IPv6 address in brackets;
   * etcd's {@code --initial-advertise-peer-urls} and {@code --listen-peer-urls}.
   */
  public String peerUrl() {
    return url(PEER_PORT);
  }

  /**
   * Returns the client URL, such as {@code https://10.0.1.11:2379}, with an IPv6 address in
   * brackets; etcd's {@code --advertise-client-urls} and an entry of {@code
   * etcd.external.endpoints}.
   */
  public String clientUrl() {
    return url(CLIENT_PORT);
  }

  private String url(int port) {
    return "https://" + address.toUriHost() + ":" + port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EtcdMember that
        && name.equals(that.name)
        && address.equals(that.address);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + address.hashCode();
  }

  @Override
  public String toString() {
    return name + "=" + peerUrl();
  }
}
