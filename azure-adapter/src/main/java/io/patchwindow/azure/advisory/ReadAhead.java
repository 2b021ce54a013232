package io.patchwindow.azure.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;

/**
 * A stream read ahead by a thread of its own: the decompression of a bzip2 or gzip advisory file runs beside
 * the parse of what it gives, instead of before each buffer of it (bzip2 decoding takes several times as long
 * as parsing the XML). At most {@value #QUEUED} chunks of {@value #CHUNK} bytes wait; a failure of the source
 * ({@link IOException} or a decoder's runtime exception) reaches the reader as the source's own exception,
 * after every byte before it. {@link #close()} stops the thread, waits for it and closes the source.
 */
final class ReadAhead extends InputStream {
    static final int CHUNK = 1 << 16;
    static final int QUEUED = 16;
    private static final byte[] NONE = new byte[0];

    /** A chunk of the source's bytes; the last one holds none, and the failure if the source failed. */
    private record Chunk(byte[] bytes, int length, @Nullable Throwable failure) {
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED);
    /** Buffers read, for the thread to fill again. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(QUEUED + 2);
    private final Thread thread;
    private volatile boolean cancelled;
    private boolean closed;

    private Chunk current = new Chunk(NONE, 0, null);
    private int position;
    private boolean ended;

    /**
     * Starts reading a source ahead.
     *
     * @param source the stream, closed by {@link #close()}
     * @param name the thread's name
     */
    ReadAhead(InputStream source, String name) {
        this.source = source;
        this.thread = new Thread(this::fill, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (closed) {
            throw new IOException("the stream is closed");
        }
        while (position == current.length()) {
            if (ended) {
                return -1;
            }
            next();
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length() - position;
    }

    private void next() throws IOException {
        if (current.bytes() != NONE) {
            free.offer(current.bytes());
        }
        try {
            current = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        position = 0;
        if (current.length() == 0) {
            ended = true;
            Throwable failure = current.failure();
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
        }
    }

    /** Stops the thread, waits for it, and closes the source. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        cancelled = true;
        queue.clear();
        Handoff.join(thread);
        source.close();
    }

    // ---- the thread

    private void fill() {
        Throwable failure = null;
        try {
            while (!cancelled) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK];
                }
                int n = 0;
                try {
                    for (int got = 0; n < CHUNK && got >= 0; n += Math.max(got, 0)) {
                        got = source.read(buffer, n, CHUNK - n);
                    }
                } finally {
                    // the bytes read before a failure are handed over first
                    if (n > 0) {
                        hand(new Chunk(buffer, n, null));
                    }
                }
                if (n < CHUNK) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } finally {
            hand(new Chunk(NONE, 0, failure));
        }
    }

    private void hand(Chunk chunk) {
        if (!Handoff.put(queue, chunk, () -> cancelled)) {
            cancelled = true;
        }
    }
}
