package fr.relais.mail.classify;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The classifier is an engine: usable without Camel or Spring. */
class ClassifierIsPlainJavaTest {

    @Test
    void importsNeitherCamelNorSpring() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.relais.mail.classify");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(classes);
    }
}
