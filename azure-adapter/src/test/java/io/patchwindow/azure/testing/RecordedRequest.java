package io.patchwindow.azure.testing;

/**
 * One request as the {@link AzureEmulator} received it.
 *
 * @param method the HTTP method
 * @param path the decoded path
 * @param query the raw query string (empty if none)
 * @param body the body text
 * @param bearer whether a bearer token was sent (the token itself is not kept)
 * @param rawPath the path as sent, before percent-decoding
 */
public record RecordedRequest(String method, String path, String query, String body, boolean bearer,
                              String rawPath) {
}
