package io.dgas.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** dgas-core stays pure: no database, web, CLI, JSON-library or migration imports. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dgas");

    @Test
    void core_importsNoInfrastructurePackages() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "com.zaxxer..",
                        "io.javalin..",
                        "picocli..",
                        "com.fasterxml..",
                        "org.flywaydb..")
                .check(CORE);
    }

    @Test
    void core_importedClasses_areNotEmpty() {
        org.assertj.core.api.Assertions.assertThat(CORE.size()).isGreaterThan(30);
    }
}
