package io.patchwindow.azure.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.patchwindow.core.advisory.AdvisoryIndex;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.rpm.Evr;

/**
 * Asks dnf itself (issue 13, "Checked by"): a local repository with an updateinfo holds a few packages at
 * several versions, the older ones are installed into a throw-away root, and the updates that
 * {@code dnf --security check-update} lists there must be exactly those that patchwindow's reader and rule
 * ({@link AdvisoryFiles} into an {@link AdvisoryIndex}) call security updates, with the installed version
 * known as dnf knows it. Needs {@code rpmbuild}, {@code rpm}, {@code createrepo_c}, {@code modifyrepo_c} and
 * {@code dnf} (Debian packages {@code rpm createrepo-c dnf}); skipped, saying which is missing, without them.
 */
class DnfReferenceTest {
    private static final List<String> TOOLS = List.of("rpm", "rpmbuild", "createrepo_c", "modifyrepo_c", "dnf");

    /** name, version-release installed, versions-releases in the repository. */
    private static final Object[][] PACKAGES = {
            {"pwtest-a", "1.0-1", List.of("1.0-2", "1.0-3")},
            {"pwtest-b", "2.0-1", List.of("2.0-1", "2.0-2")},
            {"pwtest-c", "1.0-1", List.of("1.1-1")},
            {"pwtest-d", "3.0-1", List.of("3.0-5")},
            {"pwtest-e", "1:0.9-1", List.of("1:0.9-2")},
    };

    private static final String UPDATEINFO = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>\n"
            // fixed between installed and available: security
            + update("security", "RHSA-2099:0001", "Important", pkg("pwtest-a", "0", "1.0", "2"))
            // fixed at the installed version: already fixed, not a security update
            + update("security", "RHSA-2099:0002", "Low", pkg("pwtest-b", "0", "2.0", "1"))
            // a bug fix advisory: never security
            + update("bugfix", "RHBA-2099:0003", "", pkg("pwtest-c", "0", "1.1", "1"))
            // fixed in a version newer than any available one: not yet
            + update("security", "RHSA-2099:0004", "Critical", pkg("pwtest-d", "0", "3.0", "6"))
            // an epoch: fixed at 1:0.9-2, installed 1:0.9-1
            + update("security", "RHSA-2099:0005", "Moderate", pkg("pwtest-e", "1", "0.9", "2"))
            + "</updates>\n";

    @Test
    void securityDecisions_equalDnfSecurityCheckUpdate(@TempDir Path dir) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        assumeTrue(missing.isEmpty(), "dnf reference test SKIPPED: " + missing + " not found on PATH;"
                + " install the Debian packages rpm, createrepo-c and dnf to run it");

        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path old = Files.createDirectories(dir.resolve("old"));
        for (Object[] p : PACKAGES) {
            String name = (String) p[0];
            build(dir, name, (String) p[1], old);
            @SuppressWarnings("unchecked")
            List<String> available = (List<String>) p[2];
            for (String v : available) {
                build(dir, name, v, repo);
            }
        }
        run(dir, "createrepo_c", repo.toString());
        Path updateinfo = Files.writeString(dir.resolve("updateinfo.xml"), UPDATEINFO);
        run(dir, "modifyrepo_c", "--mdtype=updateinfo", updateinfo.toString(), repo.resolve("repodata").toString());

        Path root = Files.createDirectories(dir.resolve("root"));
        run(dir, "rpm", "--root", root.toString(), "--initdb");
        List<String> install = new ArrayList<>(List.of("rpm", "--root", root.toString(), "-i", "--nodeps", "--nosignature",
                "--ignoreos", "--ignorearch"));
        try (var files = Files.list(old)) {
            files.sorted().forEach(f -> install.add(f.toString()));
        }
        run(dir, install.toArray(String[]::new));

        Path conf = Files.writeString(dir.resolve("dnf.conf"), "[main]\ngpgcheck=0\nreposdir=" + dir.resolve("no-repos")
                + "\ncachedir=" + dir.resolve("cache") + "\ninstall_weak_deps=0\n\n[pw]\nname=pw\nbaseurl=" + repo.toUri()
                + "\ngpgcheck=0\nmetadata_expire=0\n");
        List<String> dnf = List.of("dnf", "-q", "-c", conf.toString(), "--installroot", root.toString(), "--releasever", "7",
                "--disableplugin=*");
        Map<String, String> allUpdates = checkUpdate(dir, dnf, false);
        Map<String, String> dnfSecurity = checkUpdate(dir, dnf, true);
        assertThat(allUpdates).as("every package has a newer version in the repository").hasSize(PACKAGES.length);

        AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
        AdvisoryFiles.of(updateinfo).read(builder);
        AdvisoryIndex index = builder.build();
        TreeSet<String> ours = new TreeSet<>();
        for (Object[] p : PACKAGES) {
            String name = (String) p[0];
            Evr installed = Evr.parse((String) p[1]);
            Evr available = Evr.parse(allUpdates.get(name));
            if (!index.matches(name, "noarch", available, installed, Severity.NONE).isEmpty()) {
                ours.add(name);
            }
        }
        assertThat(ours).as("patchwindow's security updates").isEqualTo(dnfSecurity.keySet())
                .containsExactly("pwtest-a", "pwtest-e");
    }

    /** {@code dnf check-update}: name to available version; exit 100 means updates were listed. */
    private static Map<String, String> checkUpdate(Path dir, List<String> dnf, boolean security) throws Exception {
        List<String> command = new ArrayList<>(dnf);
        if (security) {
            command.add("--security");
        }
        command.add("check-update");
        Result r = exec(dir, command.toArray(String[]::new));
        assertThat(r.code()).as("dnf check-update exit code (0 none, 100 some): %s", r.output()).isIn(0, 100);
        Map<String, String> updates = new TreeMap<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].endsWith(".noarch")) {
                updates.put(f[0].substring(0, f[0].length() - ".noarch".length()), f[1]);
            }
        }
        return updates;
    }

    private static void build(Path dir, String name, String epochVersionRelease, Path into) throws Exception {
        Evr evr = Evr.parse(epochVersionRelease);
        Path top = dir.resolve("rpmbuild-" + name + "-" + evr.epoch() + "-" + evr.version() + "-" + evr.release());
        Path spec = Files.createDirectories(top.resolve("SPECS")).resolve(name + ".spec");
        Files.writeString(spec, "Name: " + name + "\nVersion: " + evr.version() + "\nRelease: " + evr.release() + "\n"
                + (evr.epoch() > 0 ? "Epoch: " + evr.epoch() + "\n" : "")
                + "Summary: patchwindow dnf reference test package\nLicense: Apache-2.0\nBuildArch: noarch\n\n"
                + "%description\nA package with no files, for patchwindow's dnf reference test.\n\n%files\n");
        run(dir, "rpmbuild", "-bb", "--define", "_topdir " + top, "--define", "_rpmdir " + into, "--define",
                "_build_name_fmt %{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}.rpm", spec.toString());
    }

    private static String update(String type, String id, String severity, String packages) {
        return "  <update from=\"test@example.com\" status=\"final\" type=\"" + type + "\" version=\"1\">\n"
                + "    <id>" + id + "</id>\n    <title>" + id + "</title>\n"
                + (severity.isEmpty() ? "" : "    <severity>" + severity + "</severity>\n")
                + "    <issued date=\"2099-01-01 00:00:00\"/>\n    <updated date=\"2099-01-01 00:00:00\"/>\n"
                + "    <references/>\n    <description>test</description>\n"
                + "    <pkglist><collection short=\"pw\"><name>pw</name>\n" + packages + "    </collection></pkglist>\n"
                + "  </update>\n";
    }

    private static String pkg(String name, String epoch, String version, String release) {
        return "      <package name=\"" + name + "\" epoch=\"" + epoch + "\" version=\"" + version + "\" release=\"" + release
                + "\" arch=\"noarch\" src=\"" + name + "-" + version + "-" + release + ".src.rpm\"><filename>" + name + "-"
                + version + "-" + release + ".noarch.rpm</filename></package>\n";
    }

    private record Result(int code, String output) {
    }

    private static void run(Path dir, String... command) throws Exception {
        Result r = exec(dir, command);
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + r.code() + ": " + r.output());
        }
    }

    private static Result exec(Path dir, String... command) throws Exception {
        Path log = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

}
