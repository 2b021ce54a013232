/**
 * Promotion between rings: production installs only the exact package versions that installed successfully
 * in the earlier rings, long enough ago. The policy ({@link io.patchwindow.core.promotion.PromotionPolicy}: source
 * environments, soak time, minimum successes, maximum failure rate), the rule
 * ({@link io.patchwindow.core.promotion.ProvenVersions}) and its verdicts: a
 * {@link io.patchwindow.core.promotion.Promotion} (written as a pinned {@code name=version} mask) or a
 * {@link io.patchwindow.core.promotion.HeldBack} with a {@link io.patchwindow.core.promotion.HoldReason}.
 */
@NullMarked
package io.patchwindow.core.promotion;

import org.jspecify.annotations.NullMarked;
