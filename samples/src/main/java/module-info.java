/** Runnable example topologies and the program that renders them into bundles. */
module io.kubetopology.samples {
  requires transitive io.kubetopology.render;

  exports io.kubetopology.samples;
}
