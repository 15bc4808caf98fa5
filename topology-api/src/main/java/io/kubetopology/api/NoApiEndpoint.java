package io.kubetopology.api;

import java.util.Optional;

/** Direct access to a single control plane. */
enum NoApiEndpoint implements ApiEndpointAccess {
  INSTANCE;

  @Override
  public Kind kind() {
    return Kind.NONE;
  }

  @Override
  public Optional<ControlPlaneEndpoint> endpoint(int apiServerPort) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "ApiEndpointAccess.none()";
  }
}
