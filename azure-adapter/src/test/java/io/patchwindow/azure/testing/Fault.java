package io.patchwindow.azure.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A fault the {@link AzureEmulator} injects into matching requests ({@link AzureEmulator#inject}): an error
 * status (with an ARM error code and optional {@code Retry-After}), a canned or echoing answer, a reset
 * connection, a lost answer, a delay before the normal answer, or a Log Analytics partial error. What each does
 * to a request is decided in {@link FaultRules}.
 */
public final class Fault {
    enum Kind { PLAIN, RESET, LOST_ANSWER, CANNED, ECHO_AUTHORIZATION }

    final int status;
    final String code;
    final Duration retryAfter;
    final Duration delay;
    final boolean partialError;
    final Kind kind;
    final byte[] cannedBody;

    private Fault(int status, String code, Duration retryAfter, Duration delay, boolean partialError) {
        this(status, code, retryAfter, delay, partialError, Kind.PLAIN, new byte[0]);
    }

    private Fault(int status, String code, Duration retryAfter, Duration delay, boolean partialError, Kind kind,
                  byte[] cannedBody) {
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.partialError = partialError;
        this.kind = kind;
        this.cannedBody = cannedBody;
    }

    /**
     * A connection reset: the request is received, not handled, and the connection is closed without an
     * answer (the client sees a premature close).
     *
     * @return the fault
     */
    public static Fault reset() {
        return new Fault(0, null, null, null, false, Kind.RESET, new byte[0]);
    }

    /**
     * A lost answer: the request is handled (a write changes the state) but the connection is then closed
     * without an answer, so the client cannot know that it succeeded. It applies to the ARM resources the
     * emulator keeps (software update configurations, maintenance configurations and assignments, VMs,
     * resource groups); lists and queries are answered as usual.
     *
     * @return the fault
     */
    public static Fault lostAnswer() {
        return new Fault(0, null, null, null, false, Kind.LOST_ANSWER, new byte[0]);
    }

    /**
     * A 503 {@code ServiceUnavailable} without {@code Retry-After}.
     *
     * @return the fault
     */
    public static Fault unavailable() {
        return status(503, "ServiceUnavailable");
    }

    /**
     * A canned answer instead of the emulated one: any status and body bytes (malformed JSON, wrong types,
     * non-UTF-8...).
     *
     * @param status the HTTP status
     * @param body the body bytes as sent
     * @return the fault
     */
    public static Fault answer(int status, byte[] body) {
        return new Fault(status, null, null, null, false, Kind.CANNED, body.clone());
    }

    /**
     * A canned JSON answer instead of the emulated one.
     *
     * @param status the HTTP status
     * @param json the body text
     * @return the fault
     */
    public static Fault answer(int status, String json) {
        return answer(status, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error whose body (message and an {@code authorization} member) and {@code X-Echo-Authorization}
     * header echo the request's {@code Authorization} header back, as a misbehaving proxy might.
     *
     * @param status e.g. 401
     * @param code e.g. {@code InvalidAuthenticationToken}
     * @return the fault
     */
    public static Fault echoAuthorization(int status, String code) {
        return new Fault(status, code, null, null, false, Kind.ECHO_AUTHORIZATION, new byte[0]);
    }

    /**
     * An error answer.
     *
     * @param status the HTTP status, e.g. 500
     * @param code the ARM error code, e.g. {@code InternalServerError}
     * @return the fault
     */
    public static Fault status(int status, String code) {
        return new Fault(status, code, null, null, false);
    }

    /**
     * A 429 {@code TooManyRequests} with a {@code Retry-After} header.
     *
     * @param retryAfter the delay to announce (whole seconds)
     * @return the fault
     */
    public static Fault throttle(Duration retryAfter) {
        return new Fault(429, "TooManyRequests", retryAfter, null, false);
    }

    /**
     * A slow answer: waits, then answers normally.
     *
     * @param delay the delay
     * @return the fault
     */
    public static Fault delay(Duration delay) {
        return new Fault(0, null, null, delay, false);
    }

    /**
     * A Log Analytics partial answer for another reason than the result limits: half of the rows and a
     * {@code PartialError} whose detail says {@code E_LOW_MEMORY_CONDITION}.
     *
     * @return the fault
     */
    public static Fault partialError() {
        return new Fault(0, null, null, null, true);
    }
}
