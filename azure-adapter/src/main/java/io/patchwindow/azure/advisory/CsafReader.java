package io.patchwindow.azure.advisory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchwindow.core.advisory.Advisory;
import io.patchwindow.core.advisory.AdvisorySink;
import io.patchwindow.core.advisory.FixedPackage;
import io.patchwindow.core.advisory.Severity;
import io.patchwindow.core.rpm.Evr;
import io.patchwindow.core.rpm.Nevra;

/**
 * Reads one CSAF 2.0 document (a {@code csaf_security_advisory} or a {@code csaf_vex}) as Red Hat publishes
 * them: {@code document.tracking.id} ({@code RHSA-2024:3211}, or a CVE id for VEX),
 * {@code initial_release_date} and {@code current_release_date}, {@code document.aggregate_severity.text}
 * (else the highest {@code threats[category=impact].details}), {@code vulnerabilities[].cve}, and the
 * packages in {@code vulnerabilities[].product_status.fixed}.
 *
 * <p>A fixed product id is either a package ({@code openssl-1:1.0.2k-26.el7_9.x86_64}) or a package as a
 * component of a product stream ({@code 7Server-7.9.Z:openssl-1:1.0.2k-26.el7_9.x86_64}, resolved through
 * {@code product_tree.relationships}). The package is read from its {@code pkg:rpm} purl in the product
 * tree ({@code pkg:rpm/redhat/openssl@1.0.2k-26.el7_9?arch=x86_64&epoch=1}) or, without one, from the
 * product id as a NEVRA. Source packages ({@code arch=src}) and products that are not RPMs (container
 * images, modules) fix no installed package and are skipped. The platform comes from the stream's CPE
 * ({@code cpe:/o:redhat:enterprise_linux:7::server}: {@code EL7}); a document with streams of several major
 * versions gives one advisory per platform.
 */
final class CsafReader {

    private CsafReader() {
    }

    /** What the product tree says of one product id. */
    private record Product(@Nullable String purl, @Nullable String cpe) {
    }

    /** A relationship: the package and the stream it is a component of. */
    private record Component(String packageId, String streamId) {
    }

    static void read(JsonNode csaf, String path, String file, AdvisorySink sink) {
        JsonNode document = JsonAdvisories.object(csaf, "document", path, file);
        String dpath = path + ".document";
        JsonNode tracking = JsonAdvisories.object(document, "tracking", dpath, file);
        String tpath = dpath + ".tracking";
        String id;
        try {
            id = Fields.advisoryId(JsonAdvisories.text(tracking, "id", tpath, file));
        } catch (IllegalArgumentException e) {
            throw new AdvisoryFileException(file, tpath + ".id", e.getMessage(), e);
        }
        LocalDate issued = date(tracking, "initial_release_date", tpath, file);
        LocalDate updated = date(tracking, "current_release_date", tpath, file);
        Severity severity = severity(JsonAdvisories.text(JsonAdvisories.object(document, "aggregate_severity", dpath, file),
                "text", dpath + ".aggregate_severity", file), dpath + ".aggregate_severity.text", file);

        Map<String, Product> products = new HashMap<>();
        JsonNode tree = JsonAdvisories.object(csaf, "product_tree", path, file);
        branches(JsonAdvisories.array(tree, "branches", path + ".product_tree", file), path + ".product_tree.branches",
                file, products);
        JsonNode fullNames = JsonAdvisories.array(tree, "full_product_names", path + ".product_tree", file);
        for (int i = 0; i < fullNames.size(); i++) {
            product(fullNames.get(i), path + ".product_tree.full_product_names[" + i + "]", file, products);
        }
        Map<String, Component> components = new HashMap<>();
        JsonNode relationships = JsonAdvisories.array(tree, "relationships", path + ".product_tree", file);
        for (int i = 0; i < relationships.size(); i++) {
            String rpath = path + ".product_tree.relationships[" + i + "]";
            JsonNode rel = relationships.get(i);
            String full = JsonAdvisories.text(JsonAdvisories.object(rel, "full_product_name", rpath, file), "product_id",
                    rpath + ".full_product_name", file);
            String pkg = JsonAdvisories.text(rel, "product_reference", rpath, file);
            String stream = JsonAdvisories.text(rel, "relates_to_product_reference", rpath, file);
            if (full != null && pkg != null && stream != null) {
                components.put(full, new Component(pkg, stream));
            }
        }

        Set<String> cves = new LinkedHashSet<>();
        if (Fields.CVE.matcher(id).matches()) {
            cves.add(id);
        }
        Map<String, Set<FixedPackage>> byPlatform = new LinkedHashMap<>();
        Severity highestThreat = Severity.NONE;
        JsonNode vulnerabilities = JsonAdvisories.array(csaf, "vulnerabilities", path, file);
        for (int v = 0; v < vulnerabilities.size(); v++) {
            String vpath = path + ".vulnerabilities[" + v + "]";
            JsonNode vulnerability = vulnerabilities.get(v);
            String cve = JsonAdvisories.text(vulnerability, "cve", vpath, file);
            if (cve != null) {
                try {
                    cves.add(Fields.cve(cve));
                } catch (IllegalArgumentException e) {
                    throw new AdvisoryFileException(file, vpath + ".cve", e.getMessage(), e);
                }
            }
            JsonNode threats = JsonAdvisories.array(vulnerability, "threats", vpath, file);
            for (int t = 0; t < threats.size(); t++) {
                String tp = vpath + ".threats[" + t + "]";
                if ("impact".equals(JsonAdvisories.text(threats.get(t), "category", tp, file))) {
                    Severity s = severity(JsonAdvisories.text(threats.get(t), "details", tp, file), tp + ".details", file);
                    highestThreat = s.compareTo(highestThreat) > 0 ? s : highestThreat;
                }
            }
            JsonNode fixed = JsonAdvisories.array(JsonAdvisories.object(vulnerability, "product_status", vpath, file),
                    "fixed", vpath + ".product_status", file);
            for (int f = 0; f < fixed.size(); f++) {
                String fpath = vpath + ".product_status.fixed[" + f + "]";
                if (!fixed.get(f).isTextual()) {
                    throw new AdvisoryFileException(file, fpath, "a " + fixed.get(f).getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                            + "; expected a product id string", null);
                }
                String productId = fixed.get(f).textValue();
                Component component = components.get(productId);
                String packageId = component == null ? productId : component.packageId();
                Product stream = component == null ? null : products.get(component.streamId());
                FixedPackage pkg;
                try {
                    pkg = fixedPackage(packageId, products.get(packageId));
                } catch (IllegalArgumentException e) {
                    throw new AdvisoryFileException(file, fpath, "product " + io.patchwindow.core.text.Quoting.quote(productId)
                            + ": " + e.getMessage(), e);
                }
                if (pkg == null) {
                    continue;
                }
                String platform = stream == null || stream.cpe() == null ? "" : platformOfCpe(stream.cpe());
                byPlatform.computeIfAbsent(platform, k -> new LinkedHashSet<>()).add(pkg);
            }
        }
        Severity overall = severity == Severity.NONE ? highestThreat : severity;
        if (byPlatform.isEmpty()) {
            byPlatform.put("", new LinkedHashSet<>());
        }
        for (Map.Entry<String, Set<FixedPackage>> e : byPlatform.entrySet()) {
            List<FixedPackage> packages = List.copyOf(e.getValue());
            String platform = e.getKey().isEmpty() ? Fields.platformOfPackages(packages) : e.getKey();
            sink.accept(new Advisory(id, Fields.typeOfId(id), overall, issued, updated, List.copyOf(cves), packages, platform));
        }
    }

    private static void branches(JsonNode branches, String path, String file, Map<String, Product> products) {
        for (int i = 0; i < branches.size(); i++) {
            String bpath = path + "[" + i + "]";
            JsonNode branch = branches.get(i);
            product(JsonAdvisories.object(branch, "product", bpath, file), bpath + ".product", file, products);
            branches(JsonAdvisories.array(branch, "branches", bpath, file), bpath + ".branches", file, products);
        }
    }

    private static void product(JsonNode product, String path, String file, Map<String, Product> products) {
        if (!product.isObject()) {
            return;
        }
        String id = JsonAdvisories.text(product, "product_id", path, file);
        if (id == null) {
            return;
        }
        JsonNode helper = JsonAdvisories.object(product, "product_identification_helper", path, file);
        String purl = helper.isObject() ? JsonAdvisories.text(helper, "purl", path + ".product_identification_helper", file) : null;
        String cpe = helper.isObject() ? JsonAdvisories.text(helper, "cpe", path + ".product_identification_helper", file) : null;
        products.put(id, new Product(purl, cpe));
    }

    /** The package a product id names, or null when it is not a binary RPM. */
    private static @Nullable FixedPackage fixedPackage(String packageId, @Nullable Product product) {
        String purl = product == null ? null : product.purl();
        if (purl != null) {
            if (!purl.startsWith("pkg:rpm/")) {
                return null;
            }
            return fromPurl(purl);
        }
        Nevra nevra;
        try {
            nevra = Nevra.parse(packageId);
        } catch (IllegalArgumentException notAPackage) {
            return null; // a product stream or a module, not a package
        }
        if (nevra.arch().isEmpty() || nevra.arch().equals("src") || nevra.arch().equals("nosrc")) {
            return null;
        }
        return new FixedPackage(Fields.packageName(nevra.name()), nevra.evr(), nevra.arch());
    }

    /** {@code pkg:rpm/redhat/openssl@1.0.2k-26.el7_9?arch=x86_64&epoch=1}. */
    private static @Nullable FixedPackage fromPurl(String purl) {
        String rest = purl.substring("pkg:rpm/".length());
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int at = rest.indexOf('@');
        if (at < 0) {
            return null; // an unversioned component
        }
        String name = decode(rest.substring(rest.lastIndexOf('/', at) + 1, at));
        String version = decode(rest.substring(at + 1));
        String arch = "";
        String epoch = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = pair.substring(0, eq);
                String value = decode(pair.substring(eq + 1));
                if (key.equals("arch")) {
                    arch = value;
                } else if (key.equals("epoch")) {
                    epoch = value;
                }
            }
        }
        if (arch.equals("src") || arch.equals("nosrc")) {
            return null;
        }
        Evr evr = Fields.evr(epoch == null || version.contains(":") ? version : epoch + ":" + version);
        return new FixedPackage(Fields.packageName(name), evr, Fields.arch(arch));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code cpe:/o:redhat:enterprise_linux:7::server} or {@code cpe:/a:redhat:enterprise_linux:8::appstream}: EL7, EL8. */
    private static String platformOfCpe(String cpe) {
        String[] parts = cpe.split(":");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("enterprise_linux") || parts[i].equals("rhel_eus") || parts[i].equals("rhel_els")) {
                return Fields.platformOfName(parts[i + 1].replaceAll("[^0-9.]", ""));
            }
        }
        return "";
    }

    private static Severity severity(@Nullable String text, String path, String file) {
        try {
            return Fields.severity(text);
        } catch (IllegalArgumentException e) {
            throw new AdvisoryFileException(file, path, e.getMessage(), e);
        }
    }

    private static @Nullable LocalDate date(JsonNode node, String field, String path, String file) {
        String text = JsonAdvisories.text(node, field, path, file);
        try {
            return text == null ? null : Fields.date(text);
        } catch (IllegalArgumentException e) {
            throw new AdvisoryFileException(file, path + "." + field, e.getMessage(), e);
        }
    }
}
