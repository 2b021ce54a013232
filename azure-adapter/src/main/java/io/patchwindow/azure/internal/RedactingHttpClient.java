package io.patchwindow.azure.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps the transport so that an answer never carries the request's credential further: when a response
 * body or header contains the access token that was sent (a misbehaving proxy or service echoing the
 * {@code Authorization} header back), it is replaced by {@value #REDACTED} before any pipeline policy sees it,
 * so neither the SDK's HTTP logging (even at {@code BODY_AND_HEADERS}) nor an exception message, an apply
 * report or a snapshot file can contain it. Responses are buffered (the adapter's answers are JSON pages).
 */
public final class RedactingHttpClient implements HttpClient {
    /** The replacement text. */
    static final String REDACTED = "[redacted]";
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+" + Pattern.quote(REDACTED));

    private final HttpClient delegate;

    /**
     * Wraps a transport.
     *
     * @param delegate the transport that sends, not null
     */
    public RedactingHttpClient(HttpClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Sends a request through the wrapped transport; a bearer token echoed in the answer is redacted.
     *
     * @param request the request to send
     * @return the answer, with the request's token replaced wherever the body repeats it
     */
    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    /**
     * Sends a request through the wrapped transport; a bearer token echoed in the answer is redacted.
     *
     * @param request the request to send
     * @param context the pipeline context, passed on unchanged
     * @return the answer, with the request's token replaced wherever the body repeats it
     */
    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        String token = token(request);
        Mono<HttpResponse> sent = delegate.send(request, context);
        if (token == null) {
            return sent;
        }
        return sent.flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0])
                .map(body -> (HttpResponse) redacted(request, response, body, token)));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        String token = token(request);
        HttpResponse response = delegate.sendSync(request, context);
        if (token == null) {
            return response;
        }
        byte[] body = response.getBodyAsByteArray().block();
        return redacted(request, response, body == null ? new byte[0] : body, token);
    }

    private static @Nullable String token(HttpRequest request) {
        String auth = request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
        if (auth == null) {
            return null;
        }
        String t = auth.strip();
        int space = t.indexOf(' ');
        t = space < 0 ? t : t.substring(space + 1).strip();
        return t.length() < 8 ? null : t;
    }

    private static HttpResponse redacted(HttpRequest request, HttpResponse response, byte[] body, String token) {
        HttpHeaders headers = new HttpHeaders();
        for (HttpHeader h : response.getHeaders()) {
            String v = h.getValue();
            headers.set(h.getName(), v != null && v.contains(token) ? redact(v, token) : v);
        }
        byte[] out = body;
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.contains(token)) {
            out = redact(text, token).getBytes(StandardCharsets.UTF_8);
            headers.remove(HttpHeaderName.CONTENT_LENGTH);
            headers.set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(out.length));
        }
        response.close();
        return new Buffered(request, response.getStatusCode(), headers, out);
    }

    static String redact(String text, String token) {
        String r = text.replace(token, REDACTED);
        return BEARER.matcher(r).replaceAll(REDACTED);
    }

    /** A response whose body is held in memory. */
    private static final class Buffered extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        Buffered(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
            super(request);
            this.status = status;
            this.headers = headers;
            this.body = body;
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
        public String getHeaderValue(HttpHeaderName name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.defer(() -> body.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(body).asReadOnlyBuffer()));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.fromSupplier(body::clone);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return getBodyAsString(StandardCharsets.UTF_8);
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.fromSupplier(() -> new String(body, charset));
        }

        @Override
        public HttpResponse buffer() {
            return this;
        }
    }
}
