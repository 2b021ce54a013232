/**
 * Security advisory files: an {@link io.patchwindow.core.port.AdvisorySource} over files and
 * directories ({@link io.patchwindow.azure.advisory.AdvisoryFiles}) that recognises each file's format by
 * its content (yum {@code updateinfo.xml}, Red Hat OVAL, OSV JSON or zip, CSAF 2.0) and its compression by
 * its magic bytes (gzip, bzip2, xz, zstd), and streams the advisories without holding a document whole.
 *
 * <pre>{@code
 * AdvisorySource advisories = AdvisoryFiles.of(List.of(Path.of("rhel-7.oval.xml.bz2"), Path.of("osv/")));
 * advisories.read(advisory -> index.add(advisory));
 * }</pre>
 *
 * <p>Any problem in a file is an {@link io.patchwindow.azure.advisory.AdvisoryFileException} whose
 * one-line message names the file, the position and what was expected.
 */
@NullMarked
package io.patchwindow.azure.advisory;

import org.jspecify.annotations.NullMarked;
