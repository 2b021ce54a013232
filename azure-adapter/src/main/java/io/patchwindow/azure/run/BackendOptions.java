package io.patchwindow.azure.run;

import java.util.Locale;
import java.util.Objects;

import io.patchwindow.azure.updatemanager.WindowsZones;
import io.patchwindow.core.plan.Grouping;
import io.patchwindow.core.plan.Policy;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The deployment backend and its options: {@code --backend automation|update-manager},
 * {@code --fix-patch-mode}, {@code --pin-versions}, {@code --schedule-resource-group},
 * {@code --schedule-location}. The backend shapes the plan too: Update Manager groups machines per window
 * (at most 3,000 per configuration) and needs Azure VMs in patch mode AutomaticByPlatform with user
 * schedules ({@code NOT_READY} otherwise, unless {@code --fix-patch-mode}); Automation plans one
 * configuration per machine by default (at most 1,000 per configuration with {@code --grouping per-window}).
 */
public final class BackendOptions {
    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "automation (software update configurations, the original runbooks) or update-manager "
                    + "(maintenance configurations and assignments) (default: automation).")
    private String backend = "automation";

    @Option(names = "--fix-patch-mode",
            description = "Update Manager: set Azure VMs to patch mode AutomaticByPlatform with user schedules "
                    + "instead of skipping them as NOT_READY (opt-in; writes the VM).")
    private boolean fixPatchMode;

    @Option(names = "--pin-versions",
            description = "Install exactly the assessed versions (package masks name=version).")
    private boolean pinVersions;

    @Option(names = "--schedule-resource-group", paramLabel = "ID",
            description = "Update Manager: ARM id of the resource group that holds the maintenance configurations.")
    private @Nullable String scheduleResourceGroup;

    @Option(names = "--schedule-location", paramLabel = "REGION",
            description = "Update Manager: region of the maintenance configurations (default: the resource group's).")
    private @Nullable String scheduleLocation;

    private static final java.time.Duration UM_MIN = java.time.Duration.ofMinutes(90);
    private static final java.time.Duration UM_MAX = java.time.Duration.ofMinutes(235);

    /** The deployment backends. */
    public enum Backend {
        /** Azure Automation Update Management (software update configurations). */
        AUTOMATION,
        /** Azure Update Manager (maintenance configurations and assignments). */
        UPDATE_MANAGER
    }

    /**
     * Sets the backend text.
     *
     * @param backend {@code automation} or {@code update-manager}
     * @return this
     */
    public BackendOptions backend(String backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        return this;
    }

    /**
     * Sets whether to fix the patch mode of Azure VMs.
     *
     * @param fix true to fix
     * @return this
     */
    public BackendOptions fixPatchMode(boolean fix) {
        this.fixPatchMode = fix;
        return this;
    }

    /**
     * Sets whether to pin versions ({@code name=version} masks).
     *
     * @param pin true to pin
     * @return this
     */
    public BackendOptions pinVersions(boolean pin) {
        this.pinVersions = pin;
        return this;
    }

    /**
     * Sets the Update Manager schedule resource group.
     *
     * @param id the resource group's ARM id, not null
     * @return this
     */
    public BackendOptions scheduleResourceGroup(String id) {
        this.scheduleResourceGroup = Objects.requireNonNull(id, "id");
        return this;
    }

    /**
     * Sets the Update Manager configuration region.
     *
     * @param location a region, e.g. {@code westeurope}, not null
     * @return this
     */
    public BackendOptions scheduleLocation(String location) {
        this.scheduleLocation = Objects.requireNonNull(location, "location");
        return this;
    }

    /**
     * Returns the backend.
     *
     * @return the backend, not null
     * @throws IllegalArgumentException if the text is unknown
     */
    public Backend backend() {
        switch (backend.strip().toLowerCase(Locale.ROOT)) {
            case "automation":
                return Backend.AUTOMATION;
            case "update-manager":
                return Backend.UPDATE_MANAGER;
            default:
                throw new IllegalArgumentException("Invalid --backend " + Quoting.quote(backend)
                        + ": expected automation or update-manager");
        }
    }

    /** @return whether {@code --fix-patch-mode} was given */
    public boolean fixPatchMode() {
        return fixPatchMode;
    }

    /** @return whether {@code --pin-versions} was given */
    public boolean pinVersions() {
        return pinVersions;
    }

    /** @return the schedule resource group id as given, or null */
    public @Nullable String scheduleResourceGroup() {
        return scheduleResourceGroup;
    }

    /** @return the schedule location, or null */
    public @Nullable String scheduleLocation() {
        return scheduleLocation;
    }

    /**
     * Refuses the Update Manager options with the Automation backend, which does not honour them: a run must not
     * look as if {@code --fix-patch-mode}, {@code --schedule-location} or {@code --schedule-resource-group} had done
     * something.
     *
     * @throws IllegalArgumentException if one is given with {@code --backend automation}
     */
    public void requireHonouredByBackend() {
        if (backend() != Backend.AUTOMATION) {
            return;
        }
        String given = fixPatchMode ? "--fix-patch-mode" : scheduleLocation != null ? "--schedule-location"
                : scheduleResourceGroup != null ? "--schedule-resource-group" : null;
        if (given != null) {
            throw new IllegalArgumentException("Invalid " + given + " with --backend automation: it is an Update "
                    + "Manager option and the Automation backend ignores it; give --backend update-manager or omit it");
        }
    }

    /**
     * Shapes a policy for the backend: Update Manager groups per window,
     * at most 3,000 machines per configuration, and requires the user-schedule patch mode unless
     * {@code --fix-patch-mode}; Automation keeps the grouping and allows 1,000 machines per configuration.
     *
     * @param policy the policy from the policy options, not null
     * @param groupingGiven whether {@code --grouping} was given explicitly
     * @return the shaped policy, not null
     */
    public Policy shape(Policy policy, boolean groupingGiven) {
        Policy.Builder b = policy.toBuilder().pinVersions(pinVersions);
        if (backend() == Backend.UPDATE_MANAGER) {
            if (groupingGiven && policy.grouping() != Grouping.PER_WINDOW) {
                throw new IllegalArgumentException("Invalid --grouping per-machine with --backend update-manager: "
                        + "Update Manager shares one maintenance configuration per window group (at most 250 "
                        + "configurations per subscription and region); expected per-window");
            }
            if (policy.duration().compareTo(UM_MIN) < 0 || policy.duration().compareTo(UM_MAX) > 0) {
                throw new IllegalArgumentException("Invalid --duration '" + policy.duration()
                        + "' with --backend update-manager: expected from PT1H30M to PT3H55M (the Update Manager "
                        + "window limits)");
            }
            if (!WindowsZones.hasWindowsName(policy.timeZone())) {
                throw new IllegalArgumentException("Invalid --time-zone " + Quoting.quote(policy.timeZone().getId())
                        + " with --backend update-manager: expected " + WindowsZones.ACCEPTED);
            }
            b.grouping(Grouping.PER_WINDOW).maxGroupSize(3000).requireUserSchedulePatchMode(!fixPatchMode)
                    .zoneRule(WindowsZones::hasWindowsName, WindowsZones.ACCEPTED);
        } else {
            b.maxGroupSize(1000).requireUserSchedulePatchMode(false);
        }
        return b.build();
    }
}
