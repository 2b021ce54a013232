package io.patchwindow.azure.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates a deterministic fleet in memory: Azure VMs (80 %) and Arc servers (20 %) spread over
 * subscriptions, with valid, invalid and missing {@code patch} tags, CentOS and other images, Log
 * Analytics {@code Update} rows (fresh, duplicated, stale, installed, other classifications) and Resource
 * Graph patch assessments, as the JSON that the {@link AzureEmulator} serves. The same arguments always give the
 * same fleet. Core's {@code io.patchwindow.core.testing.FleetGenerator} makes domain objects and snapshots instead.
 */
public final class AzureFleetGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private static final String[] HOURS = {"03:00", "12:00", "22:00"};
    private static final String[] ENVS = {"P", "Q", "R"};
    private static final String[] REGIONS = {"westeurope", "northeurope", "francecentral"};
    private static final String[] PACKAGES = {"openssl", "openssl-libs", "kernel", "vim-minimal", "bash", "glibc",
        "sudo", "curl", "nss", "systemd"};
    private static final String[] CLASSES = {"Security Updates", "Critical Updates", "Other Updates",
        "Security Updates"};

    private AzureFleetGenerator() {
    }

    /**
     * Returns the subscription GUID of index {@code i} (0-based) for a seed.
     *
     * @param seed the seed
     * @param i the index
     * @return a lower-case GUID
     */
    public static String subscriptionId(long seed, int i) {
        return String.format(Locale.ROOT, "%08x-%04x-4%03x-8000-%012x", i + 1, (int) (seed & 0xffff), i & 0xfff,
                0x5eed00000000L + seed);
    }

    /**
     * Generates a fleet.
     *
     * @param machineCount how many machines in total
     * @param subscriptionCount over how many subscriptions (round robin)
     * @param seed the random seed
     * @param now the instant the assessments are relative to
     * @return the fleet, not null
     */
    public static AzureFleet generate(int machineCount, int subscriptionCount, long seed, Instant now) {
        Random random = new Random(seed);
        AzureFleet fleet = new AzureFleet();
        for (int i = 0; i < subscriptionCount; i++) {
            fleet.subscription(subscriptionId(seed, i));
        }
        Instant base = now.truncatedTo(ChronoUnit.SECONDS);
        for (int k = 0; k < machineCount; k++) {
            String sub = subscriptionId(seed, k % subscriptionCount);
            boolean arc = k % 5 == 4;
            String rg = "rg-app-" + (k % 7);
            String name = (arc ? "arc-" : "vm-") + String.format(Locale.ROOT, "%05d", k);
            String id = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/"
                    + (arc ? "Microsoft.HybridCompute/machines/" : "Microsoft.Compute/virtualMachines/") + name;
            String computer = name + ".corp.example";
            boolean centos = random.nextInt(10) != 0;
            ObjectNode m = JSON.createObjectNode();
            m.put("id", id);
            m.put("name", name);
            m.put("type", arc ? "Microsoft.HybridCompute/machines" : "Microsoft.Compute/virtualMachines");
            m.put("location", REGIONS[k % REGIONS.length]);
            ObjectNode tags = m.putObject("tags");
            int tagRoll = random.nextInt(20);
            String tagName = random.nextInt(4) == 0 ? "Patch" : "patch";
            if (tagRoll == 0) {
                tags.put(tagName, "CENTOS-P-MON-04:00");
            } else if (tagRoll == 1) {
                tags.put(tagName, "centos-q-tue-03:00");
            } else if (tagRoll > 3) {
                tags.put(tagName, "CENTOS-" + ENVS[random.nextInt(3)] + "-" + DAYS[random.nextInt(7)] + "-"
                        + HOURS[random.nextInt(3)]);
            }
            tags.put("owner", "team-" + (k % 4));
            ObjectNode p = m.putObject("properties");
            if (arc) {
                p.put("osName", "linux");
                p.put("osSku", centos ? "CentOS Linux 7 (Core)" : "Ubuntu 22.04.4 LTS");
                p.put("osType", "linux");
                p.put("osVersion", "3.10.0-1160.el7.x86_64");
                p.put("status", "Connected");
                p.putObject("osProfile").put("computerName", computer);
            } else {
                p.put("vmId", new UUID(seed, k).toString());
                p.putObject("hardwareProfile").put("vmSize", "Standard_B2s");
                ObjectNode sp = p.putObject("storageProfile");
                ObjectNode ir = sp.putObject("imageReference");
                int imageRoll = random.nextInt(20);
                if (!centos) {
                    ir.put("publisher", "Canonical").put("offer", "0001-com-ubuntu-server-jammy").put("sku", "22_04-lts")
                            .put("version", "latest");
                } else if (imageRoll == 0) {
                    ir.put("id", "/subscriptions/" + sub + "/resourceGroups/rg-images/providers/Microsoft.Compute"
                            + "/galleries/gallery1/images/centos-7-hardened/versions/1.0.0");
                } else {
                    ir.put("publisher", "OpenLogic").put("offer", imageRoll == 1 ? "centos-lvm" : "CentOS")
                            .put("sku", "7_9").put("version", "latest");
                }
                sp.putObject("osDisk").put("osType", "Linux").put("name", name + "_OsDisk_1");
                ObjectNode os = p.putObject("osProfile");
                os.put("computerName", computer);
                os.put("adminUsername", "azureuser");
                ObjectNode lc = os.putObject("linuxConfiguration");
                lc.put("disablePasswordAuthentication", true);
                int patchRoll = random.nextInt(3);
                if (patchRoll > 0) {
                    ObjectNode ps = lc.putObject("patchSettings");
                    ps.put("patchMode", patchRoll == 1 ? "AutomaticByPlatform" : "ImageDefault");
                    ps.put("assessmentMode", "ImageDefault");
                    ps.putObject("automaticByPlatformSettings")
                            .put("bypassPlatformSafetyChecksOnUserSchedule", random.nextBoolean());
                }
                p.put("provisioningState", "Succeeded");
            }
            fleet.machine(m);

            // Log Analytics Update rows
            if (random.nextInt(10) < 8) {
                String sourceComputerId = new UUID(~seed, k).toString();
                int packages = random.nextInt(4);
                boolean stale = random.nextInt(12) == 0;
                for (int j = 0; j < packages; j++) {
                    String product = PACKAGES[random.nextInt(PACKAGES.length)];
                    String cls = CLASSES[random.nextInt(CLASSES.length)];
                    String state = random.nextInt(6) == 0 ? "Installed" : "Needed";
                    Instant t = stale ? base.minus(Duration.ofMinutes(360 + random.nextInt(600)))
                            : base.minus(Duration.ofMinutes(5 + random.nextInt(200)));
                    String version = "1." + random.nextInt(9) + "." + random.nextInt(20) + "-" + (1 + j) + ".el7";
                    fleet.updateRow(updateRow(t, id, computer, sourceComputerId, product, "x86_64", version, cls, state));
                    if (random.nextInt(4) == 0) {
                        // an older row of the same package: arg_max must drop it
                        fleet.updateRow(updateRow(t.minus(Duration.ofMinutes(30)), id, computer, sourceComputerId,
                                product, "x86_64", "0.9-1.el7", cls, "Needed"));
                    }
                    if (random.nextInt(5) == 0) {
                        fleet.updateRow(updateRow(t, id, computer, sourceComputerId, product, "i686", version, cls,
                                state));
                    }
                }
            }

            // Resource Graph patch assessments
            if (random.nextInt(10) < 8) {
                boolean stale = random.nextInt(12) == 0;
                Instant t = stale ? base.minus(Duration.ofHours(60 + random.nextInt(50)))
                        : base.minus(Duration.ofMinutes(5 + random.nextInt(1200)));
                String summaryId = id + "/patchAssessmentResults/latest";
                String type = m.get("type").asText().toLowerCase(Locale.ROOT) + "/patchassessmentresults";
                ObjectNode s = JSON.createObjectNode();
                s.put("id", summaryId);
                s.put("type", type);
                ObjectNode sp = s.putObject("properties");
                sp.put("osType", "Linux");
                sp.put("patchServiceUsed", "YUM");
                sp.put("status", "Succeeded");
                sp.put("startDateTime", t.minusSeconds(120).toString());
                sp.put("lastModifiedDateTime", t.toString());
                sp.put("rebootPending", false);
                fleet.patchAssessment(s);
                int packages = random.nextInt(4);
                for (int j = 0; j < packages; j++) {
                    String product = PACKAGES[random.nextInt(PACKAGES.length)];
                    ObjectNode r = JSON.createObjectNode();
                    r.put("id", summaryId + "/softwarePatches/" + product + "_" + j);
                    r.put("type", type + "/softwarepatches");
                    ObjectNode rp = r.putObject("properties");
                    rp.put("patchName", product);
                    rp.put("version", "2." + random.nextInt(9) + "-" + j + ".el7");
                    ArrayNode cl = rp.putArray("classifications");
                    int c = random.nextInt(4);
                    cl.add(c == 0 ? "Critical" : c == 1 ? "Others" : "Security");
                    if (c == 3) {
                        cl.add("Critical");
                    }
                    rp.put("lastModifiedDateTime", t.toString());
                    rp.putNull("publishedDateTime");
                    rp.put("rebootBehavior", "NeverReboots");
                    fleet.patchAssessment(r);
                }
            }
        }
        return fleet;
    }

    /**
     * Generates a light fleet of machines only, every one plannable: CentOS, a valid {@code patch} tag (the
     * environments, weekdays and hours in turn), Azure VMs (80 %) in patch mode {@code AutomaticByPlatform}
     * with the user-schedule bypass, Arc servers (20 %); no Log Analytics rows and no patch assessments (the
     * caller supplies an assessment in memory). About a tenth of the heap of {@link #generate}: for
     * scale runs such as a Resource Graph inventory of 100,000 machines. Machine {@code k} is in subscription
     * {@code k % subscriptionCount}; names are {@code vm-<k>} and {@code arc-<k>} (six digits).
     *
     * @param machineCount how many machines
     * @param subscriptionCount over how many subscriptions (round robin)
     * @param seed the seed of the subscription ids
     * @return the fleet, not null
     */
    public static AzureFleet plannable(int machineCount, int subscriptionCount, long seed) {
        AzureFleet fleet = new AzureFleet();
        String[] subs = new String[subscriptionCount];
        for (int i = 0; i < subscriptionCount; i++) {
            subs[i] = subscriptionId(seed, i);
            fleet.subscription(subs[i]);
        }
        for (int k = 0; k < machineCount; k++) {
            String sub = subs[k % subscriptionCount];
            boolean arc = k % 5 == 4;
            String name = (arc ? "arc-" : "vm-") + String.format(Locale.ROOT, "%06d", k);
            String type = arc ? "Microsoft.HybridCompute/machines" : "Microsoft.Compute/virtualMachines";
            ObjectNode m = JSON.createObjectNode();
            m.put("id", "/subscriptions/" + sub + "/resourceGroups/rg-app-" + (k % 7) + "/providers/" + type + "/"
                    + name);
            m.put("name", name);
            m.put("type", type);
            m.put("location", REGIONS[k % REGIONS.length]);
            m.putObject("tags").put("patch", "CENTOS-" + ENVS[k % 3] + "-" + DAYS[(k / 3) % 7] + "-"
                    + HOURS[(k / 21) % 3]);
            ObjectNode p = m.putObject("properties");
            if (arc) {
                p.put("osName", "linux");
                p.put("osSku", "CentOS Linux 7 (Core)");
                p.put("osType", "linux");
                p.putObject("osProfile").put("computerName", name + ".corp.example");
            } else {
                ObjectNode sp = p.putObject("storageProfile");
                sp.putObject("imageReference").put("publisher", "OpenLogic").put("offer", "CentOS").put("sku", "7_9");
                sp.putObject("osDisk").put("osType", "Linux");
                ObjectNode os = p.putObject("osProfile");
                os.put("computerName", name + ".corp.example");
                os.putObject("linuxConfiguration").putObject("patchSettings").put("patchMode", "AutomaticByPlatform")
                        .putObject("automaticByPlatformSettings").put("bypassPlatformSafetyChecksOnUserSchedule", true);
            }
            fleet.machine(m);
        }
        return fleet;
    }

    /**
     * Builds one Log Analytics {@code Update} row.
     *
     * @return the row keyed by column name
     */
    public static ObjectNode updateRow(Instant time, String resourceId, String computer, String sourceComputerId,
                                       String product, String arch, String version, String classification,
                                       String state) {
        ObjectNode r = JSON.createObjectNode();
        r.put("TimeGenerated", time.toString());
        r.put("ResourceId", resourceId);
        r.put("Computer", computer);
        r.put("SourceComputerId", sourceComputerId);
        r.put("Product", product);
        r.put("ProductArch", arch);
        r.put("ProductVersion", version);
        r.put("Classification", classification);
        r.put("UpdateState", state);
        r.put("OSType", "Linux");
        return r;
    }
}
