/**
 * The typed model of a highly available kubeadm cluster: nodes, etcd, the API endpoint and its load
 * balancer, networking, images and secrets, built with a fluent DSL.
 */
module io.kubetopology.api {
  requires static org.immutables.value;
  requires transitive org.jspecify;

  exports io.kubetopology.api;
}
