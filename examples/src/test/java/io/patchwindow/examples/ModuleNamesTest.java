package io.patchwindow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import io.patchwindow.azure.cli.PatchwindowCli;
import io.patchwindow.core.plan.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jars of core and the Azure adapter name their module in the manifest ({@code Automatic-Module-Name}), so
 * that a modular application can require them by a stable name (docs/contracts.md#artifacts). Checked on the jars
 * this test runs against, as the module system reads them; the jars exist when the build ran to {@code package}
 * ({@code mvn verify}), and the test is skipped, saying so, when the classes come from a folder.
 */
class ModuleNamesTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "core,          io.patchwindow.core",
        "azure-adapter, io.patchwindow.azure",
    })
    void jar_namesItsModule(String module, String expected) throws URISyntaxException {
        Class<?> type = module.equals("core") ? Plan.class : PatchwindowCli.class;
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(location),
                () -> module + " classes come from the folder " + location + ", not a jar: run mvn verify");

        Set<ModuleReference> found = ModuleFinder.of(location).findAll();

        assertThat(found).hasSize(1);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertThat(descriptor.isAutomatic()).isTrue();
        // The manifest's name: one derived from the file name would be patchwindow.core or patchwindow.azure.adapter.
        assertThat(descriptor.name()).isEqualTo(expected);
        assertThat(descriptor.packages().stream().filter(p -> !p.startsWith(expected)).collect(Collectors.toSet()))
                .as("packages outside the module's name").isEmpty();
    }
}
