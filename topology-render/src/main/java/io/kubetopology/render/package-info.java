/**
 * Rendering of cluster topologies into bundles. Start at {@link
 * io.kubetopology.render.BundleRenderer#standard()}.
 */
@NullMarked
package io.kubetopology.render;

import org.jspecify.annotations.NullMarked;
