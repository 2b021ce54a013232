package io.patchwindow.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.patchwindow.azure.PatchwindowAzure;

/**
 * The default retry strategy in the SDK's {@link RetryPolicy}: a 429 has its own, larger budget; a transient
 * failure gets the SDK default of 3 retries; the back-off never overflows. No server: a scripted client
 * answers with {@code retry-after-ms: 1}, so nothing waits.
 */
class ThrottlingRetryStrategyTest {
    /** Scripted as a connection closed before the answer. */
    static final int CLOSED = -1;

    @Test
    void throttled_retriedUpToItsOwnBudget() {
        Script s = new Script();
        for (int i = 0; i < 100; i++) {
            s.answers.add(429);
        }
        assertThat(send(s, 5)).isEqualTo(429);
        assertThat(s.calls.get()).isEqualTo(6);
    }

    @Test
    void throttledManyTimes_thenAccepted() {
        Script s = new Script();
        for (int i = 0; i < 40; i++) {
            s.answers.add(429);
        }
        s.answers.add(201);
        assertThat(send(s, PatchwindowAzure.DEFAULT_MAX_THROTTLED_RETRIES)).isEqualTo(201);
        assertThat(s.calls.get()).isEqualTo(41);
    }

    @Test
    void transientFailure_threeRetriesAsTheSdkDefault() {
        Script s = new Script();
        for (int i = 0; i < 10; i++) {
            s.answers.add(503);
        }
        assertThat(send(s, 60)).isEqualTo(503);
        assertThat(s.calls.get()).isEqualTo(4);
    }

    @Test
    void connectionError_afterManyThrottledAttempts_stillRetried() {
        Script s = new Script();
        for (int i = 0; i < 10; i++) {
            s.answers.add(429);
        }
        s.answers.add(CLOSED);
        s.answers.add(429);
        s.answers.add(CLOSED);
        s.answers.add(201);
        assertThat(send(s, 60)).isEqualTo(201);
        assertThat(s.calls.get()).isEqualTo(14);
    }

    @Test
    void connectionErrors_threeRetries() {
        Script s = new Script();
        for (int i = 0; i < 10; i++) {
            s.answers.add(CLOSED);
        }
        assertThatThrownBy(() -> send(s, 60)).hasRootCauseInstanceOf(IOException.class);
        assertThat(s.calls.get()).isEqualTo(4);
    }

    @Test
    void clientErrors_notRetried() {
        Script s = new Script();
        s.answers.add(400);
        assertThat(send(s, 60)).isEqualTo(400);
        assertThat(s.calls.get()).isEqualTo(1);
    }

    @Test
    void backoffWithoutRetryAfter_cappedAndPositive_atAnyAttempt() {
        ThrottlingRetryStrategy strategy = new ThrottlingRetryStrategy(60);
        for (int attempt : List.of(0, 1, 5, 33, 34, 59, 1000)) {
            Duration d = strategy.calculateRetryDelay(attempt);
            assertThat(d).as("attempt " + attempt).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(9));
        }
    }

    private static int send(Script script, int maxThrottledRetries) {
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .policies(new RetryPolicy(new ThrottlingRetryStrategy(maxThrottledRetries,
                        new ExponentialBackoff(3, Duration.ofMillis(1), Duration.ofMillis(4)))))
                .httpClient(request -> {
                    HttpResponse r = script.next(request);
                    return r == null ? Mono.error(new IOException("Connection prematurely closed BEFORE response"))
                            : Mono.just(r);
                })
                .build();
        try (HttpResponse r = pipeline.sendSync(new HttpRequest(HttpMethod.PUT, "https://127.0.0.1:1/x"),
                Context.NONE)) {
            return r.getStatusCode();
        }
    }

    /** Answers the scripted statuses in turn (then 200), each with {@code retry-after-ms: 1}. */
    private static final class Script {
        final Deque<Integer> answers = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        synchronized HttpResponse next(HttpRequest request) {
            calls.incrementAndGet();
            Integer status = answers.poll();
            return status != null && status == CLOSED ? null : new Answer(request, status == null ? 200 : status);
        }
    }

    private static final class Answer extends HttpResponse {
        private final int status;
        private final HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("retry-after-ms"), "1");

        Answer(HttpRequest request, int status) {
            super(request);
            this.status = status;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(new byte[0]);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just("");
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just("");
        }
    }
}
