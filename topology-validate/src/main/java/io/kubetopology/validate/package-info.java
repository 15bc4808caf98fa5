/**
 * Validation of cluster topologies. Start at {@link
 * io.kubetopology.validate.TopologyValidator#standard()}.
 *
 * <p>A {@link io.kubetopology.validate.Rule} checks one thing and reports {@link
 * io.kubetopology.validate.Finding}s; the validator runs every rule and collects every finding into
 * a {@link io.kubetopology.validate.ValidationReport}, so a caller sees all problems at once.
 */
@NullMarked
package io.kubetopology.validate;

import org.jspecify.annotations.NullMarked;
