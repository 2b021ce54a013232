package io.patchwindow.azure;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fake SDK transport, as the SDK's own generated mock tests use: canned JSON per request, every request
 * recorded (URL and body). Never touches the network.
 */
public final class CannedTransport implements HttpClient {
    /** A recorded request. */
    record Sent(String method, String url, String body) {
    }

    private final Function<HttpRequest, String> answers;
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    public CannedTransport(Function<HttpRequest, String> answers) {
        this.answers = answers;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        BinaryData body = request.getBodyAsBinaryData();
        sent.add(new Sent(request.getHttpMethod().toString(), request.getUrl().toString(),
                body == null ? "" : body.toString()));
        return Mono.just(new Canned(request, answers.apply(request)));
    }

    private static final class Canned extends HttpResponse {
        private final byte[] body;
        private final HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");

        Canned(HttpRequest request, String body) {
            super(request);
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int getStatusCode() {
            return 200;
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
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
