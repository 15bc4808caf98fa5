/**
 * The typed model of a highly available kubeadm cluster: nodes, etcd, the API endpoint and its load
 * balancer, networking, images and secrets, built with a fluent DSL, and its YAML and JSON
 * documents.
 */
module io.kubetopology.api {
  requires static org.immutables.value;
  requires transitive org.jspecify;
  requires org.snakeyaml.engine;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;

  exports io.kubetopology.api;
}
