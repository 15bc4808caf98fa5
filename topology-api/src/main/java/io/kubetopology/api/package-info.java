/**
 * The cluster topology model. Start at {@link io.kubetopology.api.ClusterTopology#builder()}.
 *
 * <p>Every type is immutable and compared by value. Builders reject only values that have no
 * meaning (a malformed address, a port outside 1-65535, a blank name); everything a cluster can get
 * wrong while each value is well formed is reported by the validator instead.
 */
@TopologyStyle
@NullMarked
package io.kubetopology.api;

import io.kubetopology.api.internal.TopologyStyle;
import org.jspecify.annotations.NullMarked;
