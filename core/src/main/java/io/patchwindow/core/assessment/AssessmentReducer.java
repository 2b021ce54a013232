package io.patchwindow.core.assessment;

import io.patchwindow.core.rpm.Nevra;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.text.AsciiCase;
import io.patchwindow.core.text.Quoting;
import org.jspecify.annotations.Nullable;

/**
 * Reduces a stream of {@link UpdateRecord}s to one {@link MachineAssessment} per machine, while the records
 * are read: nothing but the newest record per (machine, package, architecture) is held.
 *
 * <p>Rules, in order: a record belongs to a machine when its resource id equals the machine's id
 * (case-insensitive, never by substring); a record without resource id falls back to its computer
 * name when exactly one machine has that name. Records older than {@code notBefore} only count as a sign
 * of life. Per (machine, package, architecture) the newest record wins (on equal times Needed wins, then the
 * higher version; records equal in all three count with the classifications of each, whatever their order). A
 * package is pending when that newest record is {@code Needed} and carries one of the selected classifications;
 * the package is listed once whatever the number of architectures. Every {@code Needed} newest record, whatever
 * its classification, is also kept as a {@link PendingUpdate} (with its architecture, available and installed
 * versions) so that the planner can decide from security advisories after reduction.
 *
 * <p>This is where every source's records meet, so the names are checked here: a record whose package name
 * or version breaks {@link PackageNames}' rule (a wildcard, a pin, an option, a blank name, ...) is ignored,
 * and the machine gets one warning that counts such records and quotes the first; its other records count
 * as usual.
 *
 * <p>A source that says its answer is incomplete for a machine ({@link #incomplete(String, String, String)},
 * {@link #incompleteForAll(String, String)}) makes that machine {@link MachineAssessment.Status#INCOMPLETE},
 * whatever records it delivered: a partial package list is never planned. The first reason given per machine
 * is kept ({@link #incompleteDetail(Machine)}).
 *
 * <p>Records of machines not given to the constructor are counted and dropped. Not thread-safe.
 */
public final class AssessmentReducer implements AssessmentSink {
    private static final Object AMBIGUOUS = new Object();

    private final Map<String, State> byId = new HashMap<>();
    /** The machines given to the constructor: {@link #assessment(Machine)} finds them without a key. */
    private final Map<Machine, State> byMachine = new IdentityHashMap<>();
    private final Map<String, Object> byComputer = new HashMap<>();
    private final Set<Classification> classifications;
    private final Instant notBefore;
    /** The machines given to the constructor, in order (the order of the warnings). */
    private final java.util.List<Machine> machines;
    private final java.util.List<String> warnings = new java.util.ArrayList<>();
    private long accepted;
    private long unmatched;
    private @Nullable String lastId;
    private @Nullable State lastState;
    /** Set by {@link #incompleteForAll}: the detail every machine gets, or null. */
    private @Nullable String incompleteForAll;

    /**
     * Creates a reducer for a set of machines.
     *
     * @param machines the machines whose records are kept, not null
     * @param classifications the classifications that make a package pending, not empty
     * @param notBefore records generated before this instant are stale, not null
     * @throws IllegalArgumentException if no classification is given
     */
    public AssessmentReducer(Collection<Machine> machines, Set<Classification> classifications, Instant notBefore) {
        Objects.requireNonNull(machines, "machines");
        Objects.requireNonNull(classifications, "classifications");
        if (classifications.isEmpty()) {
            throw new IllegalArgumentException("Invalid classifications []: at least one of [Critical, Security, Other]");
        }
        this.classifications = EnumSet.copyOf(classifications);
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        this.machines = java.util.List.copyOf(machines);
        for (Machine m : this.machines) {
            State s = byId.computeIfAbsent(m.key(), k -> new State());
            byMachine.put(m, s);
            index(m.computerName(), s);
            if (m.kind() == MachineKind.ARC_SERVER) {
                index(m.name(), s);
            }
        }
    }

    private void index(@Nullable String computer, State s) {
        if (computer == null || computer.isBlank()) {
            return;
        }
        String key = AsciiCase.lower(computer.strip());
        Object prev = byComputer.putIfAbsent(key, s);
        if (prev != null && prev != s) {
            byComputer.put(key, AMBIGUOUS);
        }
    }

    /**
     * Takes one record.
     *
     * @param record the record, not null
     */
    @Override
    public void accept(UpdateRecord record) {
        State s = find(record.machineId(), record.computer());
        if (s == null) {
            unmatched++;
            return;
        }
        accepted++;
        Instant time = record.time();
        s.seen(time);
        if (time.isBefore(notBefore)) {
            return;
        }
        if (record.arch().isEmpty()) {
            record = withArchOfName(record);
        }
        String product = record.product();
        if (!PackageNames.isValidName(product)
                || record.version() != null && !record.version().isEmpty() && !PackageNames.isValidVersion(record.version())) {
            s.invalid(record);
            return;
        }
        String arch = record.arch();
        Entry head = s.entries.get(product);
        for (Entry e = head; e != null; e = e.next) {
            if (e.arch.equals(arch)) {
                if (e.olderThan(record)) {
                    e.set(record);
                } else if (e.tiesWith(record)) {
                    // Same time, state and version: the order of arrival must not decide, so every classification counts.
                    e.addClassificationsOf(record);
                    e.addInstalledVersion(record.installedVersion());
                }
                return;
            }
        }
        Entry e = new Entry(record);
        e.next = head;
        s.entries.put(product, e);
    }

    /**
     * Azure Update Manager's Linux patch extension names a yum package with its architecture
     * ({@code openssl-libs.x86_64}) and reports no architecture of its own: such a name is read as the package
     * {@code openssl-libs} of architecture {@code x86_64}, when the suffix is one of {@link Nevra#ARCHES}.
     */
    private static UpdateRecord withArchOfName(UpdateRecord r) {
        String name = r.product();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !Nevra.ARCHES.contains(name.substring(dot + 1))) {
            return r;
        }
        return new UpdateRecord(r.machineId(), r.computer(), name.substring(0, dot), name.substring(dot + 1),
                r.version(), r.classifications(), r.needed(), r.time(), r.installedVersion());
    }

    /**
     * Tells whether records of a machine are kept: false for a resource id that is not one of the
     * machines given to the constructor (its records would only be counted as unmatched). A source that
     * skips such records makes {@link #unmatched()} smaller by their number.
     *
     * @param machineId the machine resource id, not null
     * @return whether records of this id are kept
     */
    @Override
    public boolean accepts(String machineId) {
        Objects.requireNonNull(machineId, "machineId");
        return machineId.isBlank() || find(machineId, null) != null;
    }

    /**
     * Records that a machine reported an assessment at a time, even with no pending package (a Resource
     * Graph assessment summary).
     *
     * @param machineId the machine resource id, not null
     * @param at the assessment time, not null
     */
    @Override
    public void machineReported(String machineId, Instant at) {
        State s = find(machineId, null);
        if (s != null) {
            s.seen(at);
            if (!at.isBefore(notBefore)) {
                s.fresh = true;
            }
        }
    }

    private @Nullable State find(String machineId, @Nullable String computer) {
        if (!machineId.isBlank()) {
            // Sources deliver the rows of a machine one after another: remember the last lookup.
            if (machineId.equals(lastId)) {
                return lastState;
            }
            State s = byId.get(io.patchwindow.core.inventory.ResourceId.key(machineId.strip()));
            lastId = machineId;
            lastState = s;
            return s;
        }
        if (computer != null && !computer.isBlank()) {
            Object s = byComputer.get(AsciiCase.lower(computer.strip()));
            return s instanceof State ? (State) s : null;
        }
        return null;
    }

    /**
     * Returns the reduced assessment of a machine.
     *
     * @param machine a machine given to the constructor, not null
     * @return the assessment, not null
     */
    public MachineAssessment assessment(Machine machine) {
        State s = byMachine.get(machine);
        if (s == null) {
            s = byId.get(machine.key());
        }
        if (incompleteForAll != null || s != null && s.incomplete != null) {
            return new MachineAssessment(MachineAssessment.Status.INCOMPLETE, s == null ? null : s.lastSeen, Map.of());
        }
        if (s == null || s.lastSeen == null) {
            return new MachineAssessment(MachineAssessment.Status.NOT_REPORTING, null, Map.of());
        }
        if (s.entries.isEmpty() && !s.fresh) {
            return new MachineAssessment(MachineAssessment.Status.STALE, s.lastSeen, Map.of());
        }
        Map<String, String> packages = new TreeMap<>();
        java.util.List<PendingUpdate> pending = new java.util.ArrayList<>();
        for (Entry head : s.entries.values()) {
            for (Entry e = head; e != null; e = e.next) {
                if (!e.needed) {
                    continue;
                }
                String version = e.version == null ? "" : e.version;
                pending.add(new PendingUpdate(e.product, e.arch, version, e.installedVersion, e.classifications));
                if (!java.util.Collections.disjoint(e.classifications, classifications)) {
                    packages.merge(e.product, version, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return new MachineAssessment(MachineAssessment.Status.CURRENT, s.lastSeen, packages, pending);
    }

    /**
     * Marks a machine incomplete: {@link #assessment(Machine)} says {@link MachineAssessment.Status#INCOMPLETE}.
     * An id that is none of the machines is ignored.
     *
     * @param machineId the machine resource id, not null
     * @param code the platform's error code, not null
     * @param detail a one-line description, not null
     */
    @Override
    public void incomplete(String machineId, String code, String detail) {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        State s = machineId.isBlank() ? null : byId.get(io.patchwindow.core.inventory.ResourceId.key(machineId.strip()));
        if (s != null && s.incomplete == null) {
            s.incomplete = describe(code, detail);
        }
    }

    /**
     * Marks every machine incomplete.
     *
     * @param code the platform's error code, not null
     * @param detail a one-line description, not null
     */
    @Override
    public void incompleteForAll(String code, String detail) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if (incompleteForAll == null) {
            incompleteForAll = describe(code, detail);
        }
    }

    private static String describe(String code, String detail) {
        return "the assessment source's answer is incomplete (" + code + "): " + detail;
    }

    /**
     * Returns why a machine's assessment is incomplete, if it is.
     *
     * @param machine a machine given to the constructor, not null
     * @return the detail (it names the platform's error code), or empty when the answer was complete
     */
    public java.util.Optional<String> incompleteDetail(Machine machine) {
        Objects.requireNonNull(machine, "machine");
        State s = byMachine.get(machine);
        if (s == null) {
            s = byId.get(machine.key());
        }
        if (s != null && s.incomplete != null) {
            return java.util.Optional.of(s.incomplete);
        }
        return java.util.Optional.ofNullable(incompleteForAll);
    }

    /**
     * Returns how many machines given to the constructor are incomplete.
     *
     * @return the count
     */
    public int incompleteCount() {
        if (incompleteForAll != null) {
            return byMachine.size();
        }
        int n = 0;
        for (State s : byMachine.values()) {
            if (s.incomplete != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * Collects a warning of the source (for example a partial answer).
     *
     * @param message the warning, not null
     */
    @Override
    public void warning(String message) {
        warnings.add(Objects.requireNonNull(message, "message"));
    }

    /**
     * Returns the warnings the source reported, in order, then one per machine that had records ignored
     * for their package name or version (sorted).
     *
     * @return an immutable copy, not null
     */
    public java.util.List<String> warnings() {
        java.util.List<String> out = new java.util.ArrayList<>();
        Map<State, Boolean> done = new IdentityHashMap<>();
        for (Machine m : machines) {
            State s = Objects.requireNonNull(byMachine.get(m), "every machine has a state");
            if (s.invalid > 0 && done.put(s, Boolean.TRUE) == null) {
                out.add(m.id() + ": " + s.invalid + (s.invalid == 1 ? " assessment record" : " assessment records")
                        + " ignored, first " + s.firstInvalid + "; " + PackageNames.RULE
                        + ", a version ASCII letters, digits and . _ + ~ ^ - :");
            }
        }
        out.sort(null); // they start with the machine id: the order of the inventory does not matter
        out.addAll(0, warnings);
        return java.util.List.copyOf(out);
    }

    /**
     * Returns how many records matched a machine.
     *
     * @return the count
     */
    public long accepted() {
        return accepted;
    }

    /**
     * Returns how many records matched no machine (other machines, or ambiguous computer names).
     *
     * @return the count
     */
    public long unmatched() {
        return unmatched;
    }

    private static final class State {
        /** By package name: the newest record of each architecture, chained. */
        private final Map<String, Entry> entries = new HashMap<>();
        private @Nullable Instant lastSeen;
        private boolean fresh;
        /** Why the source's answer about this machine is incomplete, or null. */
        private @Nullable String incomplete;
        /** Records ignored for their name or version, and the first of them described. */
        private long invalid;
        private @Nullable String firstInvalid;

        void invalid(UpdateRecord r) {
            fresh = true; // a fresh report, even with nothing to plan: not a stale machine
            if (invalid++ == 0) {
                firstInvalid = PackageNames.isValidName(r.product())
                        ? "package " + Quoting.quote(r.product()) + " with version " + Quoting.quote(r.version())
                        : r.product().isBlank() ? "with a blank package name " + Quoting.quote(r.product())
                        : "package " + Quoting.quote(r.product());
            }
        }

        void seen(Instant t) {
            if (lastSeen == null || t.isAfter(lastSeen)) {
                lastSeen = t;
            }
        }
    }

    private static final class Entry {
        final String product;
        final String arch;
        Instant time;
        boolean needed;
        Set<Classification> classifications;
        @Nullable String version;
        @Nullable String installedVersion;
        @Nullable Entry next;

        Entry(UpdateRecord r) {
            this.product = r.product();
            this.arch = r.arch();
            this.time = r.time();
            this.classifications = r.classifications();
            set(r);
        }

        void set(UpdateRecord r) {
            set(r.time(), r.needed(), r.classifications(), r.version(), r.installedVersion());
        }

        void set(Instant time, boolean needed, Set<Classification> classifications, @Nullable String version,
                 @Nullable String installedVersion) {
            this.time = time;
            this.needed = needed;
            this.classifications = classifications;
            this.version = version;
            this.installedVersion = installedVersion;
        }

        /** Whether a record is as new as this one, in the same state, with the same version. */
        boolean tiesWith(UpdateRecord r) {
            return tiesWith(r.time(), r.needed(), r.version());
        }

        boolean tiesWith(Instant otherTime, boolean otherNeeded, @Nullable String otherVersion) {
            return time.equals(otherTime) && needed == otherNeeded
                    && (version == null ? "" : version).equals(otherVersion == null ? "" : otherVersion);
        }

        /** On a tie, the known installed version, the lower text when both are known (order-independent). */
        void addInstalledVersion(@Nullable String other) {
            if (other != null && (installedVersion == null || other.compareTo(installedVersion) < 0)) {
                installedVersion = other;
            }
        }

        void addClassificationsOf(UpdateRecord r) {
            addClassifications(r.classifications());
        }

        void addClassifications(Set<Classification> others) {
            if (!classifications.containsAll(others)) {
                Set<Classification> union = EnumSet.copyOf(classifications);
                union.addAll(others);
                classifications = union;
            }
        }

        /** Newest wins; on equal times, Needed wins, then the higher version text (deterministic). */
        boolean olderThan(UpdateRecord r) {
            return olderThan(r.time(), r.needed(), r.version());
        }

        boolean olderThan(Instant otherTime, boolean otherNeeded, @Nullable String otherVersion) {
            int c = time.compareTo(otherTime);
            if (c != 0) {
                return c < 0;
            }
            if (needed != otherNeeded) {
                return otherNeeded;
            }
            String a = version == null ? "" : version;
            String b = otherVersion == null ? "" : otherVersion;
            return a.compareTo(b) < 0;
        }
    }
}
