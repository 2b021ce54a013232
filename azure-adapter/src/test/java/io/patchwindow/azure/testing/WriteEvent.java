package io.patchwindow.azure.testing;

/**
 * One write request as the {@link AzureEmulator} answered it.
 *
 * @param method {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param path the decoded path
 * @param status the status answered, e.g. 201 or 429; -1 when no answer was sent (a reset, a lost answer)
 * @param receivedNanos {@link System#nanoTime()} when the emulator received it
 * @param answeredNanos {@link System#nanoTime()} when its answer started to be sent (no client can have
 *        received it earlier)
 * @param retryAfterMillis the wait the answer asked for ({@code x-ms-retry-after-ms}, else
 *        {@code Retry-After} in seconds × 1000), 0 when none
 */
public record WriteEvent(String method, String path, int status, long receivedNanos, long answeredNanos,
                         long retryAfterMillis) {
    /** @return whether the status is 2xx */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
