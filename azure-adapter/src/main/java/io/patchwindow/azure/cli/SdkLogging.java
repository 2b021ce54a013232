package io.patchwindow.azure.cli;

import java.util.Locale;

/**
 * The log level of the Azure SDK and its HTTP client (Netty, Reactor) in the command-line jar, whose SLF4J binding
 * is slf4j-simple: off unless {@code --log-level} or {@code --debug} asks for it, so that an error stays one line.
 * The level is set as the binding's system property {@code org.slf4j.simpleLogger.defaultLogLevel} before any
 * SDK class logs (the binding reads it once); a level already set with {@code -D} is kept.
 */
final class SdkLogging {
    /** The binding's property for the default level. */
    static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private SdkLogging() {
    }

    /** The levels of {@code --log-level}. */
    enum Level {
        /** Nothing. */
        OFF,
        /** Errors. */
        ERROR,
        /** Errors and warnings. */
        WARN,
        /** And information (the SDK's per-request lines). */
        INFO,
        /** And debugging detail. */
        DEBUG,
        /** Everything. */
        TRACE
    }

    /**
     * Returns the level the arguments ask for: {@code --log-level LEVEL} (or {@code --log-level=LEVEL}), else
     * debug with {@code --debug}, else off. An unknown level is left to the parser to refuse (here: off).
     *
     * @param args the command-line arguments, not null
     * @return the level, not null
     */
    static Level levelOf(String[] args) {
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if (a.equals("--log-level") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (a.startsWith("--log-level=")) {
                value = a.substring("--log-level=".length());
            } else if (a.equals("--debug")) {
                debug = true;
            }
            if (value != null) {
                try {
                    return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return Level.OFF;
                }
            }
        }
        return debug ? Level.DEBUG : Level.OFF;
    }

    /**
     * Sets the binding's default level for these arguments, unless it was set already ({@code -D}).
     *
     * @param args the command-line arguments, not null
     */
    static void configure(String[] args) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, levelOf(args).name().toLowerCase(Locale.ROOT));
        }
    }
}
