package io.patchwindow.azure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The adapter's packages by role: the command line and the library facade are leaves over the run's settings
 * and wiring, the plumbing in {@code internal} is the Azure clients' own, and the packages do not cycle.
 */
@AnalyzeClasses(packages = "io.patchwindow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule embed_isALeaf = noClasses()
            .that().resideOutsideOfPackage("io.patchwindow.azure.embed..")
            .should().dependOnClassesThat().resideInAPackage("io.patchwindow.azure.embed..");

    @ArchTest
    static final ArchRule cli_isALeaf = noClasses()
            .that().resideOutsideOfPackage("io.patchwindow.azure.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.patchwindow.azure.cli..");

    @ArchTest
    static final ArchRule internal_isUsedOnlyByTheAdaptersAzureClients = noClasses()
            .that().resideOutsideOfPackage("io.patchwindow.azure..")
            .or().resideInAnyPackage("io.patchwindow.azure.cli..", "io.patchwindow.azure.embed..",
                    "io.patchwindow.azure.run..", "io.patchwindow.azure.report..", "io.patchwindow.azure.json..",
                    "io.patchwindow.azure.advisory..")
            .should().dependOnClassesThat().resideInAPackage("io.patchwindow.azure.internal..");

    @ArchTest
    static final ArchRule adapterPackages_areFreeOfCycles = slices()
            .matching("io.patchwindow.azure.(*)..")
            .should().beFreeOfCycles();
}
