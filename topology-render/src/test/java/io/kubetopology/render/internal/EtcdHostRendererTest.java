package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.Node;
import org.junit.jupiter.api.Test;

class EtcdHostRendererTest {
  @Test
  void kubeletConfiguration_servesStaticPodsOnly() {
    Node host = Node.etcd("etcd-1", "10.0.1.11/24");

    assertThat(EtcdHostRenderer.kubeletConfiguration(host))
        .isEqualTo(
            """
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            authentication:
              anonymous:
                enabled: false
              webhook:
                enabled: false
            authorization:
              mode: AlwaysAllow
            cgroupDriver: systemd
            address: 127.0.0.1
            containerRuntimeEndpoint: unix:///var/run/containerd/containerd.sock
            staticPodPath: /etc/kubernetes/manifests
            """);
  }

  @Test
  void kubeletConfiguration_usesNodeCriSocket() {
    Node host = Node.etcd("etcd-1", "10.0.1.11/24").withCriSocket("unix:///var/run/crio/crio.sock");

    assertThat(EtcdHostRenderer.kubeletConfiguration(host))
        .contains("containerRuntimeEndpoint: unix:///var/run/crio/crio.sock\n");
  }

  @Test
  void serviceDropIn_replacesExecStart() {
    assertThat(EtcdHostRenderer.serviceDropIn())
        .isEqualTo(
            """
            # Runs kubelet for the etcd static pod only, with \
            /etc/systemd/system/kubelet.service.d/kubelet.conf.
            [Service]
            ExecStart=
            ExecStart=/usr/bin/kubelet --config=/etc/systemd/system/kubelet.service.d/kubelet.conf
            Restart=always
            """);
  }
}
