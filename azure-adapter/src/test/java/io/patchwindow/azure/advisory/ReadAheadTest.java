package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(5).nextBytes(bytes);
        return bytes;
    }

    @Test
    void givesTheSourcesBytes_inOrder_readInAnyPieces() throws IOException {
        byte[] source = random(20 * ReadAhead.CHUNK + 17);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(source), "test-read-ahead")) {
            byte[] buffer = new byte[1000];
            for (int step = 1, n; ; step = step % 997 + 7) {
                if (step % 5 == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                    continue;
                }
                n = in.read(buffer, 3, Math.min(step, buffer.length - 3));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 3, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(out.toByteArray()).isEqualTo(source);
    }

    @Test
    void aFailureOfTheSource_comesAfterItsBytes_asItsOwnException() {
        byte[] first = random(3 * ReadAhead.CHUNK + 5);
        IOException failure = new IOException("bzip2 stream truncated");
        InputStream source = new SequenceInputStream(new ByteArrayInputStream(first), new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();

        assertThatThrownBy(() -> {
            try (ReadAhead in = new ReadAhead(source, "test-read-ahead")) {
                byte[] buffer = new byte[4096];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            }
        }).isSameAs(failure);
        assertThat(got.toByteArray()).isEqualTo(first);
    }

    @Test
    void aDecodersRuntimeException_comesAsItIs() {
        IllegalStateException failure = new IllegalStateException("corrupt block");
        InputStream source = new InputStream() {
            @Override
            public int read() {
                throw failure;
            }
        };

        assertThatThrownBy(() -> {
            try (ReadAhead in = new ReadAhead(source, "test-read-ahead")) {
                in.read();
            }
        }).isSameAs(failure);
    }

    @Test
    void closingBeforeTheEnd_stopsTheThread_andClosesTheSource() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ReadAhead in = new ReadAhead(endless, "test-read-ahead-endless");
            assertThat(in.readNBytes(5 * ReadAhead.CHUNK)).hasSize(5 * ReadAhead.CHUNK);
            in.close();
            in.close();
            assertThat(closed).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-read-ahead-endless"));
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("the stream is closed");
        });
    }
}
