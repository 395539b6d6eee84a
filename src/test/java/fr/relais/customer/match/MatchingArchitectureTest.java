package fr.relais.customer.match;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine is plain Java: usable by the sync, the mail and phone flows without Camel or Spring. */
class MatchingArchitectureTest {

    @Test
    void engineImportsNeitherCamelNorSpring() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.relais.customer.match");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(classes);
    }
}
