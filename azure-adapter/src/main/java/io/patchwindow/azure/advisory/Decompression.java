package io.patchwindow.azure.advisory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Recognises gzip, bzip2, xz and zstd by their magic bytes and decodes them with Apache Commons Compress
 * (xz through {@code org.tukaani:xz}, zstd through {@code zstd-jni}); concatenated streams (pigz, pbzip2)
 * are read whole, decoded ahead on a thread of their own ({@link ReadAhead}). Other compressions Commons Compress recognises (lz4, snappy, brotli...) are refused; anything
 * else is passed through as plain.
 */
final class Decompression {
    /** The compressions read, by Commons Compress's names. */
    static final Set<String> SUPPORTED = Set.of(CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2,
            CompressorStreamFactory.XZ, CompressorStreamFactory.ZSTANDARD);
    private static final CompressorStreamFactory FACTORY = new CompressorStreamFactory(true);

    /** An opened stream and the compression found, null for plain. */
    record Opened(InputStream in, @Nullable String compression) {
    }

    private Decompression() {
    }

    /**
     * Opens a stream, decompressing it when its first bytes are a supported compression's magic.
     *
     * @param raw the file's bytes, buffered or not
     * @return the (decompressed) stream, buffered, and the compression name; the stream is to be closed (that
     *         stops the decoding thread)
     * @throws IOException if the compressed header cannot be read
     */
    static Opened open(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        String compression;
        try {
            compression = CompressorStreamFactory.detect(in);
        } catch (CompressorException plain) {
            return new Opened(in, null);
        }
        if (!SUPPORTED.contains(compression)) {
            throw new IOException("compressed with " + compression + ", which is not read; accepted: plain, gzip, bzip2, xz or zstd");
        }
        try {
            // decoded on a thread of its own, beside the parse of what it gives
            return new Opened(new BufferedInputStream(new ReadAhead(FACTORY.createCompressorInputStream(compression, in),
                    "patchwindow-" + compression), 1 << 16), compression);
        } catch (CompressorException e) {
            throw new IOException(compression + " data cannot be decoded: " + e.getMessage(), e);
        }
    }
}
