package io.patchwindow.azure.report;

import io.patchwindow.core.report.DidNotRun;
import io.patchwindow.core.report.MachineReport;
import io.patchwindow.core.report.Outcome;

/** Small shared texts of the renderers. */
final class Names {
    private Names() {
    }

    /** The machine's resource name: the last segment of its id. */
    static String machineName(String id) {
        String t = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        int slash = t.lastIndexOf('/');
        return slash < 0 ? t : t.substring(slash + 1);
    }

    /** Replaces control characters (terminal escapes, line breaks) with {@code ?}. */
    static String plain(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(text.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** A one-line account of a machine's outcome, e.g. {@code did not run: NO_RESULT}. */
    static String outcomeText(MachineReport m) {
        if (m.outcome() == Outcome.DID_NOT_RUN) {
            DidNotRun r = m.reason();
            return "did not run: " + (r == null ? "" : r.name());
        }
        return m.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
