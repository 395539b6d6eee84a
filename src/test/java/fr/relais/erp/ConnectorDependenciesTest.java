package fr.relais.erp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production path of the ERP and Sage connectors never reaches the demo code that creates tables: no class
 * of {@code fr.relais.erp} or {@code fr.relais.sage} refers to {@code fr.relais.demo} (checked in the compiled
 * classes' constant pools, where every referenced class name appears).
 */
class ConnectorDependenciesTest {

    @Test
    void connectorsDoNotDependOnTheDemoCode() throws Exception {
        Path root = Path.of(ErpConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classes;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("fr/relais/erp")), Files.walk(root.resolve("fr/relais/sage")))) {
            classes = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(classes).hasSizeGreaterThan(5);
        for (Path file : classes) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(root.relativize(file).toString()).doesNotContain("fr/relais/demo");
        }
    }
}
