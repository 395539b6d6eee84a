package fr.relais;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Guide rails for the edges (STYLE.md): the engines are plain Java, usable without Camel or Spring. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.relais");

    @Test
    void theEnginesDoNotDependOnCamelOrSpring() {
        noClasses().that().resideInAnyPackage("fr.relais.customer.match..", "fr.relais.mail.classify..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void connectorsDoNotDependOnBusinessFlows() {
        noClasses().that().resideInAnyPackage("fr.relais.erp..", "fr.relais.sage..", "fr.relais.broker..", "fr.relais.share..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.relais.ticket..", "fr.relais.customer..", "fr.relais.mail.classify..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
