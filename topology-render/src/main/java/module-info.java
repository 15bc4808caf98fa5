/**
 * Renders a validated cluster topology into a bundle: kubeadm configuration, static pods, haproxy
 * and keepalived files for every node, with a manifest and a runbook.
 */
module io.kubetopology.render {
  requires transitive io.kubetopology.api;
  requires transitive io.kubetopology.validate;
  requires transitive kubernetes.model.core;
  requires kubernetes.model.common;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;

  exports io.kubetopology.render;

  opens io.kubetopology.render.internal to
      tools.jackson.databind;
}
