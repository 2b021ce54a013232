/**
 * Published security advisories and the rule that decides, from them, which pending updates are
 * security fixes: the model ({@link io.patchwindow.core.advisory.Advisory},
 * {@link io.patchwindow.core.advisory.FixedPackage}, {@link io.patchwindow.core.advisory.Severity},
 * {@link io.patchwindow.core.advisory.AdvisoryType}), the streaming {@link io.patchwindow.core.advisory.AdvisorySink}
 * and the summary of a feed ({@link io.patchwindow.core.advisory.AdvisoryFeed}).
 */
@NullMarked
package io.patchwindow.core.advisory;

import org.jspecify.annotations.NullMarked;
