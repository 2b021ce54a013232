package io.patchwindow.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Core depends on nothing but the JDK and JSpecify annotations; its feature packages do not cycle. */
@AnalyzeClasses(packages = "io.patchwindow.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_dependsOnlyOnTheJdkAndJSpecify = classes()
            .that().resideInAPackage("io.patchwindow.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.patchwindow.core..", "java..", "org.jspecify..");

    @ArchTest
    static final ArchRule featurePackages_areFreeOfCycles = slices()
            .matching("io.patchwindow.core.(*)..")
            .should().beFreeOfCycles();
}
