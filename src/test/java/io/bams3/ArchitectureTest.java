package io.bams3;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers, outermost first: cli > web > htsget > catalog > cohort > {query, convert} > {store,
 * format} > codec (a cohort merges the queries of its member datasets), with auth (the grants a token's claims give) a leaf beside them. Each uses only layers below it; query and convert do not use each other; store and
 * codec are leaves (store is the one port to storage; codec holds the BAM/BGZF primitives), and
 * format (the dataset's objects) uses only codec; neither knows a framework. Only the web layer and the
 * serve command know Spring and the servlet API. Main code only: test classes are not imported.
 */
@AnalyzeClasses(packages = "io.bams3", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String CLI = "io.bams3.cli..";
    private static final String WEB = "io.bams3.web..";
    private static final String HTSGET = "io.bams3.htsget..";
    private static final String CATALOG = "io.bams3.catalog..";
    private static final String COHORT = "io.bams3.cohort..";
    private static final String QUERY = "io.bams3.query..";
    private static final String CONVERT = "io.bams3.convert..";
    private static final String STORE = "io.bams3.store..";
    private static final String FORMAT = "io.bams3.format..";
    private static final String CODEC = "io.bams3.codec..";
    private static final String AUTH = "io.bams3.auth..";
    private static final String ANY_LAYER = "io.bams3.*..";

    @ArchTest
    static final ArchRule layersUseOnlyLayersBelowThem = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("cli")
            .definedBy(CLI)
            .layer("web")
            .definedBy(WEB)
            .layer("htsget")
            .definedBy(HTSGET)
            .layer("catalog")
            .definedBy(CATALOG)
            .layer("cohort")
            .definedBy(COHORT)
            .layer("query")
            .definedBy(QUERY)
            .layer("convert")
            .definedBy(CONVERT)
            .layer("store")
            .definedBy(STORE)
            .layer("format")
            .definedBy(FORMAT)
            .layer("codec")
            .definedBy(CODEC)
            .layer("auth")
            .definedBy(AUTH)
            .whereLayer("cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("web")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("htsget")
            .mayOnlyBeAccessedByLayers("cli", "web")
            .whereLayer("catalog")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget")
            .whereLayer("cohort")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget", "catalog")
            .whereLayer("query")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget", "catalog", "cohort")
            .whereLayer("convert")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget", "catalog")
            .whereLayer("store")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget", "catalog", "cohort", "query", "convert")
            .whereLayer("format")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget", "catalog", "cohort", "query", "convert")
            .whereLayer("codec")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget", "catalog", "cohort", "query", "convert", "format")
            .whereLayer("auth")
            .mayOnlyBeAccessedByLayers("cli", "web", "htsget");

    @ArchTest
    static final ArchRule authIsALeafWithoutFrameworks = noClasses()
            .that()
            .resideInAPackage(AUTH)
            .should()
            .dependOnClassesThat(resideInAPackage("io.bams3..").and(not(resideInAPackage(AUTH))))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "com.nimbusds..")
            .because("grants are plain rules over a token's claims; validating tokens is Spring Security's job");

    @ArchTest
    static final ArchRule storeIsALeaf = noClasses()
            .that()
            .resideInAPackage(STORE)
            .should()
            .dependOnClassesThat(resideInAPackage("io.bams3..").and(not(resideInAPackage(STORE))))
            .because("the store is the one port to storage and knows nothing of what it stores");

    @ArchTest
    static final ArchRule formatUsesOnlyTheCodecAndNoFrameworks = noClasses()
            .that()
            .resideInAPackage(FORMAT)
            .should()
            .dependOnClassesThat(resideInAPackage("io.bams3..")
                    .and(not(resideInAPackage(FORMAT)))
                    .and(not(resideInAPackage(CODEC))))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "software.amazon..")
            .because("the dataset format is plain Java over the codec: no other layer, no Spring, no AWS SDK");

    @ArchTest
    static final ArchRule codecIsALeafWithoutFrameworks = noClasses()
            .that()
            .resideInAPackage(CODEC)
            .should()
            .dependOnClassesThat(resideInAPackage("io.bams3..").and(not(resideInAPackage(CODEC))))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "software.amazon..")
            .because("BAM and BGZF bytes are plain Java: no other layer, no Spring, no AWS SDK");

    @ArchTest
    static final ArchRule htsgetKnowsNoSpring = noClasses()
            .that()
            .resideInAPackage(HTSGET)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..")
            .because("the protocol is served by the web layer but does not depend on it");

    @ArchTest
    static final ArchRule onlyTheWebLayerAndServeCommandKnowSpring = noClasses()
            .that()
            .resideOutsideOfPackage(WEB)
            .and(not(serveCommand()))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "io.swagger..", "org.springdoc..", WEB);

    @ArchTest
    static final ArchRule theRootPackageUsesNoLayer = noClasses()
            .that()
            .resideInAPackage("io.bams3")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ANY_LAYER)
            .because("io.bams3.BuildInfo is used from any layer");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching("io.bams3.(*)..").should().beFreeOfCycles();

    private static DescribedPredicate<JavaClass> serveCommand() {
        return DescribedPredicate.describe(
                "the serve command",
                c -> c.getName().equals("io.bams3.cli.ServeCommand")
                        || c.getName().startsWith("io.bams3.cli.ServeCommand$"));
    }
}
