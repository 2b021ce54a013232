package io.patchwindow.azure.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/**
 * The emulator's request pipeline, the same for every service: record the request, apply the injected faults,
 * check the bearer token, throttle writes, then ask the services: first the ARM resources they keep (whose
 * answer an injected lost answer drops), then their lists and queries; 404 for what none serves. A failure of
 * a service is answered 500. Every write is recorded once as a {@link WriteEvent}, when its answer starts to be
 * sent (so a client that has its answer always finds the event), or after the exchange when none was sent.
 */
final class Router {
    private final RequestLog log;
    private final FaultRules faults;
    private final EmulatedCompute compute;
    private final EmulatedAutomation automation;
    private final EmulatedMaintenance maintenance;
    private final EmulatedResourceGraph resourceGraph;
    private final EmulatedLogAnalytics logAnalytics;
    private volatile WriteThrottle writeThrottle;

    Router(RequestLog log, FaultRules faults, EmulatedCompute compute, EmulatedAutomation automation,
           EmulatedMaintenance maintenance, EmulatedResourceGraph resourceGraph, EmulatedLogAnalytics logAnalytics) {
        this.log = log;
        this.faults = faults;
        this.compute = compute;
        this.automation = automation;
        this.maintenance = maintenance;
        this.resourceGraph = resourceGraph;
        this.logAnalytics = logAnalytics;
    }

    /** Sets the write throttling model, null for none. */
    void writeThrottle(WriteThrottle throttle) {
        this.writeThrottle = throttle;
    }

    void handle(HttpExchange ex) throws IOException {
        PendingWrite pending = Request.isWrite(ex.getRequestMethod()) ? new PendingWrite(System.nanoTime()) : null;
        try (ex) {
            Answer answer;
            try {
                answer = answer(ex);
            } catch (RuntimeException e) {
                answer = Answer.error(500, "InternalServerError", "Emulator failure: " + e);
            }
            if (answer != null) {
                send(ex, answer, pending);
            }
        } finally {
            if (pending != null && !pending.recorded) {
                // no answer sent (a reset, a lost answer, a failed exchange): still recorded, the write may
                // have been applied
                pending.record(ex, ex.getResponseCode());
            }
        }
    }

    /** @return the answer to send, or null to close the connection without one */
    private Answer answer(HttpExchange ex) throws IOException {
        String rawQuery = ex.getRequestURI().getRawQuery();
        byte[] body = ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), Request.parseQuery(rawQuery), body,
                ex.getRequestHeaders().getFirst("Authorization"));
        log.received(new RecordedRequest(r.method(), r.path(), rawQuery == null ? "" : rawQuery,
                new String(body, StandardCharsets.UTF_8), r.bearer(), ex.getRequestURI().getRawPath()), r);
        FaultRules.Verdict verdict = faults.check(r);
        if (verdict.reset()) {
            return null;
        }
        if (verdict.answer() != null) {
            return verdict.answer();
        }
        if (!r.bearer()) {
            return Answer.error(401, "AuthenticationFailed", "Authentication failed: no bearer token.");
        }
        WriteThrottle throttle = writeThrottle;
        if (throttle != null && r.isWrite()) {
            Answer refused = throttle.take();
            if (refused != null) {
                return refused;
            }
        }
        Answer resource = first(r, automation::resource, maintenance::resource, compute::resource);
        if (resource != null) {
            if (verdict.loseAnswer()) {
                faults.answerLost();
                return null; // handled (state changed), but the answer is lost: the connection is closed
            }
            return resource;
        }
        Answer read = first(r, compute::list, automation::read, resourceGraph::answer,
                q -> logAnalytics.answer(q, verdict.partial()));
        return read != null ? read
                : Answer.error(404, "NotFound", "The emulator does not serve " + r.method() + " " + r.path());
    }

    /** A service's handler: its answer, or null when the request is not for it. */
    @FunctionalInterface
    private interface Handler {
        Answer answer(Request r) throws IOException;
    }

    /** @return the answer of the first handler that answers, or null */
    private static Answer first(Request r, Handler... handlers) throws IOException {
        for (Handler h : handlers) {
            Answer a = h.answer(r);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, Answer a, PendingWrite pending) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        a.headers().forEach(ex.getResponseHeaders()::set);
        if (pending != null) {
            pending.record(ex, a.status()); // before the first byte leaves: no client can have the answer earlier
        }
        byte[] bytes = a.body();
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** A write request being handled, recorded once as a {@link WriteEvent}. */
    private final class PendingWrite {
        final long received;
        boolean recorded;

        PendingWrite(long received) {
            this.received = received;
        }

        void record(HttpExchange ex, int status) {
            recorded = true;
            String ms = ex.getResponseHeaders().getFirst("x-ms-retry-after-ms");
            String s = ex.getResponseHeaders().getFirst("Retry-After");
            long retryAfter = ms != null ? Long.parseLong(ms) : s != null ? Long.parseLong(s) * 1000 : 0;
            log.answered(new WriteEvent(ex.getRequestMethod(), ex.getRequestURI().getPath(), status, received,
                    System.nanoTime(), retryAfter));
        }
    }
}
