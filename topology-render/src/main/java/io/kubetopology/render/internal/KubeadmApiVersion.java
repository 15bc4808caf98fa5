package io.kubetopology.render.internal;

import io.kubetopology.api.KubernetesVersion;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kubeadm configuration API version written for each range of Kubernetes minor versions, and
 * the fields whose shape or place differs between the versions.
 *
 * <p>kubeadm 1.27-1.30 read only {@code kubeadm.k8s.io/v1beta3}. kubeadm 1.31-1.35 read v1beta3
 * (deprecated) and v1beta4, and 1.36 removed v1beta3, so v1beta4 is written from 1.31 on. Sources:
 * the kubeadm release notes of 1.31 ("enabled the v1beta4 API") and 1.36 ("removed the v1beta3
 * API"). kubeadm's own test tool kinder switches at 1.31 as well. The table starts at 1.27, the
 * lowest release this library supports, although kubeadm 1.22-1.26 also read v1beta3.
 */
public enum KubeadmApiVersion {
  /**
   * Kubernetes 1.27-1.30, whose kubeadm reads extra arguments as maps from flag name to value and
   * keeps its timeouts in the component blocks.
   */
  V1BETA3(
      "kubeadm.k8s.io/v1beta3",
      KubeadmApiVersion.MINIMUM_MINOR,
      30,
      ArgShape.MAP,
      TimeoutPlacement.COMPONENT_FIELDS),

  // NOTE: this row has no upper bound. A kubeadm release that drops v1beta4 for the planned
  // kubeadm.k8s.io/v1 (a placeholder since 1.36) needs a new row here.
  /**
   * Kubernetes 1.31 and later, whose kubeadm reads extra arguments as {@code {name, value}} lists
   * and its timeouts from a {@code timeouts} block.
   */
  V1BETA4(
      "kubeadm.k8s.io/v1beta4",
      31,
      Integer.MAX_VALUE,
      ArgShape.NAME_VALUE_LIST,
      TimeoutPlacement.TIMEOUTS_BLOCK);

  /** Shapes of {@code extraArgs} and {@code nodeRegistration.kubeletExtraArgs}. */
  enum ArgShape {
    /** A map from flag name to value, such as {@code {authorization-mode: Node,RBAC}}. */
    MAP,
    /** A list of {@code {name, value}} entries, in which a name may repeat. */
    NAME_VALUE_LIST
  }

  /**
   * Places of the control plane health check timeout and the join discovery timeout. v1beta3 has
   * {@code apiServer.timeoutForControlPlane} and {@code discovery.timeout}. v1beta4 has neither,
   * and a {@code timeouts} block with {@code controlPlaneComponentHealthCheck} and {@code
   * discovery} instead (types.go of both versions in kubernetes/kubernetes
   * cmd/kubeadm/app/apis/kubeadm).
   */
  enum TimeoutPlacement {
    /**
     * ClusterConfiguration's {@code apiServer.timeoutForControlPlane} and JoinConfiguration's
     * {@code discovery.timeout}.
     */
    COMPONENT_FIELDS,
    /** The {@code timeouts} block of InitConfiguration and JoinConfiguration. */
    TIMEOUTS_BLOCK
  }

  /** The lowest Kubernetes 1.x minor version this library renders for. */
  public static final int MINIMUM_MINOR = 27;

  /**
   * The newest Kubernetes 1.x minor version whose kubeadm configuration API this table was checked
   * against. Newer minors still get the last row, but the renderer warns, because a later kubeadm
   * may drop or change that API version. Raise it after checking a new release's kubeadm notes.
   */
  public static final int NEWEST_CHECKED_MINOR = 35;

  private static final int SUPPORTED_MAJOR = 1;

  private final String apiVersion;
  private final int firstMinor;
  private final int lastMinor;
  private final ArgShape argShape;
  private final TimeoutPlacement timeoutPlacement;

  KubeadmApiVersion(
      String apiVersion,
      int firstMinor,
      int lastMinor,
      ArgShape argShape,
      TimeoutPlacement timeoutPlacement) {
    this.apiVersion = apiVersion;
    this.firstMinor = firstMinor;
    this.lastMinor = lastMinor;
    this.argShape = argShape;
    this.timeoutPlacement = timeoutPlacement;
  }

  /**
   * Selects the API version kubeadm of {@code version} reads.
   *
   * @throws IllegalArgumentException if the version is older than 1.27 or its major is not 1
   */
  public static KubeadmApiVersion forVersion(KubernetesVersion version) {
    return find(version)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unsupported Kubernetes version '"
                        + version
                        + "': kubeadm configuration is rendered for v1."
                        + MINIMUM_MINOR
                        + " and later 1.x releases; choose v1."
                        + MINIMUM_MINOR
                        + ".0 or newer"));
  }

  /** Returns true if {@link #forVersion} accepts {@code version}. */
  public static boolean isSupported(KubernetesVersion version) {
    return find(version).isPresent();
  }

  /** Returns true for a supported version with a minor above {@link #NEWEST_CHECKED_MINOR}. */
  public static boolean isNewerThanChecked(KubernetesVersion version) {
    return isSupported(version) && version.minor() > NEWEST_CHECKED_MINOR;
  }

  /** Returns the {@code apiVersion} of the kubeadm documents, such as kubeadm.k8s.io/v1beta4. */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * Returns true if {@code extraArgs} and {@code kubeletExtraArgs} are lists of {@code {name,
   * value}} entries, false if they are maps from flag name to value.
   */
  boolean argsAsList() {
    return argShape == ArgShape.NAME_VALUE_LIST;
  }

  /** Returns how extra arguments are written. */
  ArgShape argShape() {
    return argShape;
  }

  /** Returns where the timeouts are written. */
  TimeoutPlacement timeoutPlacement() {
    return timeoutPlacement;
  }

  private static Optional<KubeadmApiVersion> find(KubernetesVersion version) {
    if (version.major() != SUPPORTED_MAJOR) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(row -> row.covers(version.minor())).findFirst();
  }

  private boolean covers(int minor) {
    return minor >= firstMinor && minor <= lastMinor;
  }
}
