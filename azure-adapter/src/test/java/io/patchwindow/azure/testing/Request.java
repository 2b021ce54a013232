package io.patchwindow.azure.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the emulated services see it.
 *
 * @param method the HTTP method, e.g. {@code PUT}
 * @param path the decoded path as sent (a trailing slash kept)
 * @param query the query parameters, names lower-cased, values decoded (e.g. {@code api-version}, {@code $skiptoken})
 * @param body the body bytes
 * @param authorization the {@code Authorization} header, null when absent
 */
record Request(String method, String path, Map<String, String> query, byte[] body, String authorization) {

    /** @return whether this is a write: {@code PUT}, {@code PATCH} or {@code DELETE} */
    boolean isWrite() {
        return isWrite(method);
    }

    static boolean isWrite(String method) {
        return method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
    }

    /** @return whether a bearer token was sent */
    boolean bearer() {
        return authorization != null && authorization.startsWith("Bearer ");
    }

    /** @return the path without a trailing slash (the root stays {@code /}) */
    String trimmedPath() {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    /** @return {@link #trimmedPath()} in lower case */
    String lowerPath() {
        return trimmedPath().toLowerCase(Locale.ROOT);
    }

    /** @return whether the query names {@code api-version} */
    boolean hasApiVersion() {
        return query.containsKey("api-version");
    }

    /** Reads a raw query string: names lower-cased, names and values percent-decoded; a later name wins. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k.toLowerCase(Locale.ROOT), v);
        }
        return out;
    }
}
