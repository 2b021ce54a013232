/**
 * Embedding patchwindow in Java programs, Groovy scripts and Jenkins pipelines: the one-call entry point
 * {@link io.patchwindow.azure.embed.Patchwindow} and the {@link io.patchwindow.azure.embed.PatchwindowJob}
 * builder.
 *
 * <pre>{@code
 * Plan plan = Patchwindow.planSnapshot("examples/fleet/demo-snapshot.json", "Q,R", "2026-11-25T10:17:00Z");
 * Map<String, Object> document = plan.toMap();   // ordered, ISO-8601 strings, enum names
 * }</pre>
 *
 * <p>Made for Jenkins' Groovy 2.4 and its CPS interpreter: texts for everything a pipeline writes as text,
 * no checked exceptions, no overloads that differ only by a nullable type, no varargs, and results that are
 * {@link java.io.Serializable} with {@code toMap()}.
 */
@NullMarked
package io.patchwindow.azure.embed;

import org.jspecify.annotations.NullMarked;
