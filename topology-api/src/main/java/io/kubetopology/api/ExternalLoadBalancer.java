package io.kubetopology.api;

import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A load balancer that runs outside the bundle, such as a cloud load balancer or an appliance,
 * given by address or DNS name and port. The bundle contains no file for it; the runbook lists what
 * it must do: pass TCP through to every apiserver and check each with HTTPS {@code /readyz}.
 *
 * <pre>{@code
 * ExternalLoadBalancer access = ApiEndpointAccess.externalLoadBalancer()
 *     .host("api.prod.example.com")
 *     .port(6443)
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface ExternalLoadBalancer extends ApiEndpointAccess, WithExternalLoadBalancer {
  /** The load balancer's handling of the TLS connections it forwards. */
  enum TlsMode {
    /** TCP passthrough: the apiservers terminate TLS, as kubeadm's client certificates need. */
    PASSTHROUGH,
    /**
     * The load balancer terminates TLS and opens new connections to the apiservers. Client
     * certificates then never reach the apiservers, so kubelets and kubeadm cannot authenticate;
     * the validator reports it as an error.
     */
    TERMINATION
  }

  @Override
  default Kind kind() {
    return Kind.EXTERNAL_LOAD_BALANCER;
  }

  /**
   * The DNS name or IP literal clients connect to, without brackets; the endpoint host and an
   * apiserver certificate name.
   */
  String host();

  /** The port the load balancer listens on; the endpoint port, 6443 by default. */
  @Value.Default.Int(ClusterTopology.DEFAULT_API_SERVER_PORT)
  int port();

  /** The load balancer's TLS handling; only {@link TlsMode#PASSTHROUGH} works with kubeadm. */
  @Value.Default
  default TlsMode tlsMode() {
    return TlsMode.PASSTHROUGH;
  }

  @Override
  OptionalInt workerLocalProxyPort();

  /** Returns the host and port of the load balancer. */
  @Override
  default Optional<ControlPlaneEndpoint> endpoint(int apiServerPort) {
    return Optional.of(ControlPlaneEndpoint.of(host(), port()));
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void checkShape() {
    if (host().isBlank()) {
      throw new IllegalArgumentException(
          "external load balancer host must not be blank: give its DNS name or IP address");
    }
    if (host().startsWith("[")) {
      throw new IllegalArgumentException(
          "external load balancer host '"
              + host()
              + "' has brackets: give an IPv6 address without them, such as fd00::100");
    }
    Ports.checkPort("external load balancer port", port());
    workerLocalProxyPort().ifPresent(port -> Ports.checkPort("worker local proxy port", port));
  }

  /** Builds an {@link ExternalLoadBalancer}; the host is required. */
  final class Builder extends ImmutableExternalLoadBalancer.Builder {
    Builder() {}
  }
}
