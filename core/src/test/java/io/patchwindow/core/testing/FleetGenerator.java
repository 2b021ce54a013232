package io.patchwindow.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.patchwindow.core.assessment.Classification;
import io.patchwindow.core.assessment.UpdateRecord;
import io.patchwindow.core.inventory.Machine;
import io.patchwindow.core.inventory.MachineKind;
import io.patchwindow.core.inventory.OsFacts;
import io.patchwindow.core.inventory.PatchSettings;

/**
 * Generates realistic fleets for tests and benchmarks: machines across subscriptions with a mix of tags
 * (valid, invalid, missing; environments P, Q, R), operating systems (CentOS marketplace and custom image,
 * Ubuntu, RHEL, unknown), Azure VMs and Arc servers, and about {@code rowsPerMachine} assessment rows per
 * machine including history (older rows superseded by newer ones, several architectures, stale machines).
 *
 * <p>Deterministic for a seed. Rows are produced through a callback so millions of them are never held:
 * <pre>{@code
 * FleetGenerator gen = FleetGenerator.builder().machines(100_000).subscriptions(20).seed(42).build();
 * List<Machine> machines = gen.machines();
 * gen.updates(record -> reducer.accept(record));
 * }</pre>
 */
public final class FleetGenerator {
    private static final String[] SECURITY = {"openssl", "openssl-libs", "kernel", "kernel-tools", "glibc",
        "glibc-common", "bash", "sudo", "nss", "nss-util", "nss-sysinit", "curl", "libcurl", "systemd",
        "systemd-libs", "vim-minimal", "krb5-libs", "polkit", "bind-libs", "bind-utils", "expat", "libxml2",
        "python", "python-libs", "openssh", "openssh-server", "openssh-clients", "zlib", "sqlite", "libssh2"};
    private static final String[] OTHER = {"tzdata", "yum-utils", "ca-certificates", "chrony", "rsyslog", "man-db",
        "NetworkManager", "firewalld", "audit", "dracut"};
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private static final String[] HOURS = {"03:00", "12:00", "22:00"};
    private static final String[] ENVS = {"P", "Q", "R"};
    private static final String[] LOCATIONS = {"westeurope", "northeurope", "francecentral", "eastus", "uksouth"};

    private final int machineCount;
    private final int subscriptions;
    private final int rowsPerMachine;
    private final long seed;
    private final Instant now;

    private FleetGenerator(Builder b) {
        this.machineCount = b.machines;
        this.subscriptions = b.subscriptions;
        this.rowsPerMachine = b.rowsPerMachine;
        this.seed = b.seed;
        this.now = b.now;
    }

    /**
     * Returns a builder: 1,000 machines, 5 subscriptions, 20 rows per machine, seed 1, now 2026-11-25T10:17:00Z.
     *
     * @return a new builder, not null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the subscription id of index {@code i}: a stable, valid GUID.
     *
     * @param i the index from 0
     * @return the GUID, not null
     */
    public static String subscriptionId(int i) {
        return String.format(Locale.ROOT, "%08x-aaaa-4bbb-8ccc-%012x", 0x5eed0000 + i, (long) i * 7919);
    }

    /**
     * Returns the machine resource id of index {@code i}.
     *
     * @param i the machine index from 0
     * @return the id, not null
     */
    public String machineId(int i) {
        String sub = subscriptionId(i % subscriptions);
        boolean arc = isArc(i);
        return "/subscriptions/" + sub + "/resourceGroups/rg-" + (i % 37) + "/providers/"
                + (arc ? "Microsoft.HybridCompute/machines/" : "Microsoft.Compute/virtualMachines/")
                + String.format(Locale.ROOT, "%s-%06d", arc ? "srv" : "vm", i);
    }

    private boolean isArc(int i) {
        return mix(i, 1) % 5 == 0;
    }

    private long mix(int i, int salt) {
        long z = seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /**
     * Returns the machines, in index order.
     *
     * @return a new list, not null
     */
    public List<Machine> machines() {
        List<Machine> out = new ArrayList<>(machineCount);
        for (int i = 0; i < machineCount; i++) {
            out.add(machine(i));
        }
        return out;
    }

    /**
     * Returns machine {@code i}.
     *
     * @param i the index from 0
     * @return the machine, not null
     */
    public Machine machine(int i) {
        boolean arc = isArc(i);
        Machine.Builder b = Machine.builder(machineId(i), arc ? MachineKind.ARC_SERVER : MachineKind.AZURE_VM)
                .location(LOCATIONS[(int) (mix(i, 2) % LOCATIONS.length)]);
        long t = mix(i, 3) % 100;
        if (t < 85) {
            b.tag("patch", "CENTOS-" + ENVS[(int) (mix(i, 4) % 3)] + "-" + DAYS[(int) (mix(i, 5) % 7)] + "-"
                    + HOURS[(int) (mix(i, 6) % 3)]);
        } else if (t < 90) {
            b.tag("patch", "CENTOS-Q-MON-04:00");
        }
        b.tag("owner", "team-" + (i % 50));
        long os = mix(i, 7) % 100;
        if (arc) {
            if (os < 75) {
                b.os(new OsFacts(null, null, null, null, "CentOS Linux", "CentOS Linux 7 (Core)", "linux"));
            } else if (os < 95) {
                b.os(new OsFacts(null, null, null, null, "Ubuntu", "Ubuntu 22.04.4 LTS", "linux"));
            }
        } else if (os < 60) {
            b.os(OsFacts.marketplace("OpenLogic", "CentOS", "7_9"));
        } else if (os < 70) {
            b.os(new OsFacts(null, null, null, "/subscriptions/" + subscriptionId(0)
                    + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gold/images/centos-7/versions/1.0.0",
                    null, null, "Linux"));
        } else if (os < 85) {
            b.os(OsFacts.marketplace("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2"));
        } else if (os < 97) {
            b.os(OsFacts.marketplace("RedHat", "RHEL", "8-lvmraw"));
        }
        if (!arc) {
            b.computerName(String.format(Locale.ROOT, "vm-%06d", i));
            b.patchSettings(new PatchSettings(mix(i, 8) % 10 < 8 ? "AutomaticByPlatform" : "ImageDefault",
                    mix(i, 9) % 10 < 8));
        } else {
            b.computerName(String.format(Locale.ROOT, "srv-%06d", i));
        }
        return b.build();
    }

    /**
     * Produces the assessment rows of every machine, about {@code rowsPerMachine} each: 3% of machines
     * report nothing, 3% only stale rows; the others have fresh rows with history (a package that was
     * Needed and is now Installed, older duplicates) and sometimes two architectures of one package.
     *
     * @param sink receives each row, not null
     */
    public void updates(Consumer<UpdateRecord> sink) {
        Objects.requireNonNull(sink, "sink");
        for (int i = 0; i < machineCount; i++) {
            updates(i, sink);
        }
    }

    /**
     * Produces the rows of machine {@code i}.
     *
     * @param i the machine index
     * @param sink receives each row, not null
     */
    public void updates(int i, Consumer<UpdateRecord> sink) {
        long kind = mix(i, 10) % 100;
        if (kind < 3) {
            return;
        }
        SplittableRandom r = new SplittableRandom(mix(i, 11));
        String id = machineId(i);
        String computer = machine(i).computerName();
        Instant fresh = now.minus(Duration.ofMinutes(30 + r.nextInt(180)));
        if (kind < 6) {
            fresh = now.minus(Duration.ofHours(8 + r.nextInt(40)));
        }
        Instant older = fresh.minus(Duration.ofHours(6));
        int produced = 0;
        int security = 1 + r.nextInt(Math.max(1, rowsPerMachine / 4));
        for (int k = 0; k < security && produced < rowsPerMachine; k++) {
            String p = SECURITY[r.nextInt(SECURITY.length)];
            Set<Classification> c = r.nextInt(4) == 0 ? EnumSet.of(Classification.CRITICAL)
                    : EnumSet.of(Classification.SECURITY);
            sink.accept(new UpdateRecord(id, computer, p, "x86_64", "1." + r.nextInt(20) + "-" + r.nextInt(90) + ".el7",
                    c, true, fresh));
            produced++;
            if (produced < rowsPerMachine && r.nextInt(3) == 0) {
                sink.accept(new UpdateRecord(id, computer, p, "x86_64", "1.0-1.el7", c, true, older));
                produced++;
            }
            if (produced < rowsPerMachine && r.nextInt(6) == 0) {
                sink.accept(new UpdateRecord(id, computer, p, "i686", "1.0-1.el7", c, true, fresh));
                produced++;
            }
        }
        while (produced < rowsPerMachine) {
            if (r.nextInt(4) == 0) {
                String p = SECURITY[r.nextInt(SECURITY.length)];
                sink.accept(new UpdateRecord(id, computer, p, "noarch", "2.0-1.el7", EnumSet.of(Classification.SECURITY),
                        true, older));
                sink.accept(new UpdateRecord(id, computer, p, "noarch", "2.0-1.el7", EnumSet.of(Classification.SECURITY),
                        false, fresh));
                produced += 2;
            } else {
                String p = OTHER[r.nextInt(OTHER.length)];
                sink.accept(new UpdateRecord(id, computer, p, "x86_64", "3.0-1.el7", EnumSet.of(Classification.OTHER),
                        true, fresh));
                produced++;
            }
        }
    }

    /**
     * Returns every package name the generated rows use (the security-classified ones first, then the others),
     * e.g. for advisory data that must fix some of the fleet's pending packages.
     *
     * @return the names, unmodifiable, not null
     */
    public static List<String> packageNames() {
        List<String> names = new ArrayList<>(List.of(SECURITY));
        names.addAll(List.of(OTHER));
        return List.copyOf(names);
    }

    /**
     * Returns the instant the fleet's "fresh" rows are relative to.
     *
     * @return now, not null
     */
    public Instant now() {
        return now;
    }

    /**
     * Returns the number of machines.
     *
     * @return the count
     */
    public int machineCount() {
        return machineCount;
    }

    /**
     * Returns the number of subscriptions.
     *
     * @return the count
     */
    public int subscriptionCount() {
        return subscriptions;
    }

    /**
     * Builds a {@link FleetGenerator}.
     */
    public static final class Builder {
        private int machines = 1000;
        private int subscriptions = 5;
        private int rowsPerMachine = 20;
        private long seed = 1;
        private Instant now = Instant.parse("2026-11-25T10:17:00Z");

        private Builder() {
        }

        /**
         * Sets the number of machines.
         *
         * @param machines at least 1
         * @return this builder
         */
        public Builder machines(int machines) {
            if (machines < 1) {
                throw new IllegalArgumentException("Invalid machine count " + machines + ": expected at least 1");
            }
            this.machines = machines;
            return this;
        }

        /**
         * Sets the number of subscriptions.
         *
         * @param subscriptions at least 1
         * @return this builder
         */
        public Builder subscriptions(int subscriptions) {
            if (subscriptions < 1) {
                throw new IllegalArgumentException("Invalid subscription count " + subscriptions + ": expected at least 1");
            }
            this.subscriptions = subscriptions;
            return this;
        }

        /**
         * Sets the rows per machine.
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder rowsPerMachine(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("Invalid rows per machine " + rows + ": expected at least 1");
            }
            this.rowsPerMachine = rows;
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the instant rows are generated relative to.
         *
         * @param now the instant, not null
         * @return this builder
         */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the generator, not null
         */
        public FleetGenerator build() {
            return new FleetGenerator(this);
        }
    }
}
