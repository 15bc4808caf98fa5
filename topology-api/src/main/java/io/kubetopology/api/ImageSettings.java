package io.kubetopology.api;

import org.immutables.value.Value;

/**
 * Container images, pinned so that two renderings of one topology name the same images.
 *
 * <p>The defaults are the images the kubeadm HA guide uses, pinned to a release tag.
 */
@Value.Immutable
public interface ImageSettings extends WithImageSettings {
  /**
   * The registry of the Kubernetes control-plane images; {@code imageRepository} in
   * ClusterConfiguration.
   */
  @Value.Default.String("registry.k8s.io")
  String imageRepository();

  /**
   * The haproxy image of the load-balancer static pod. The official image reads {@code
   * /usr/local/etc/haproxy/haproxy.cfg} and runs as an unprivileged user.
   */
  @Value.Default.String("docker.io/library/haproxy:2.8.5")
  String haproxyImage();

  /**
   * The keepalived image of the VIP static pod. The osixia image reads {@code
   * /usr/local/etc/keepalived/keepalived.conf} and ships curl for the health script.
   */
  @Value.Default.String("docker.io/osixia/keepalived:2.0.20")
  String keepalivedImage();

  /**
   * The kube-vip image of the VIP static pod. v0.9.2 is a release after v0.9.0 removed {@code
   * vip_cidr}, so it reads the {@code vip_subnet} the renderer writes.
   */
  @Value.Default.String("ghcr.io/kube-vip/kube-vip:v0.9.2")
  String kubeVipImage();

  /** Returns the pinned defaults. */
  static ImageSettings defaults() {
    return builder().build();
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link ImageSettings}; unset images keep their pinned defaults. */
  final class Builder extends ImmutableImageSettings.Builder {
    Builder() {}
  }
}
