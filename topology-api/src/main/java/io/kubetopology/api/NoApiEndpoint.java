package io.kubetopology.api;

/** Direct access to a single control plane. */
enum NoApiEndpoint implements ApiEndpointAccess {
  INSTANCE;

  @Override
  public Kind kind() {
    return Kind.NONE;
  }

  @Override
  public String toString() {
    return "ApiEndpointAccess.none()";
  }
}
