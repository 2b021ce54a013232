/**
 * The patch tag grammar: {@link io.patchwindow.core.tag.TagGrammar} parses values such as
 * {@code CENTOS-P-MON-03:00} into {@link io.patchwindow.core.tag.PatchTag}s, with error messages that
 * name the bad field.
 */
@NullMarked
package io.patchwindow.core.tag;

import org.jspecify.annotations.NullMarked;
