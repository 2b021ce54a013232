package io.patchwindow.core.report;

/** How a deployment's window repeats, which decides which past windows the report looks at. */
public enum Recurrence {
    /** One window at the deployment's start (Automation one-time configurations, an archived plan). */
    ONCE,
    /**
     * Every week at the deployment's weekday and local time, before its start: an Update Manager
     * configuration reports its next occurrence as its start, the windows that have passed are the weeks before.
     */
    WEEKLY
}
