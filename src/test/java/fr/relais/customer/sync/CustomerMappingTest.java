package fr.relais.customer.sync;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped mappings against their golden fixtures (one source row in, the canonical customer out). */
class CustomerMappingTest {

    @Test
    void theErpMappingGivesTheGoldenCanonicalCustomer() {
        golden(SyncSystem.ERP, "erp-customer.yaml");
        CustomerMapping m = CustomerMapping.defaults(SyncSystem.ERP);
        assertThat(m.table()).isEqualTo("CLIENT");
        assertThat(m.key()).isEqualTo("CLI_CODE");
        assertThat(m.lastModified()).isEqualTo("CLI_DATE_MODIF");
        assertThat(m.filterColumn()).isNull();
    }

    @Test
    void theSageMappingGivesTheGoldenCanonicalCustomer() {
        golden(SyncSystem.SAGE, "sage-customer.yaml");
        CustomerMapping m = CustomerMapping.defaults(SyncSystem.SAGE);
        assertThat(m.table()).isEqualTo("F_COMPTET");
        assertThat(m.lastModified()).isEqualTo("cbModification");
        assertThat(m.marker()).isEqualTo("cbMarq");
        assertThat(m.filterColumn()).isEqualTo("CT_Type");
        assertThat(m.filterValue()).isZero();
        assertThat(m.dormant()).isEqualTo("CT_Sommeil");
    }

    @Test
    void aRenamedColumnIsAMappingChange() {
        String yaml = """
                system: ERP
                table: CLIENT
                key: CLI_CODE
                last-modified: CLI_DATE_MODIF
                fields:
                  name: { column: CLI_RAISON_SOCIALE, shared: false }
                  email: { column: CLI_MAIL, shared: true }
                """;
        CustomerMapping m = CustomerMapping.parse(in(yaml), "test.yaml");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("CLI_RAISON_SOCIALE", "Hôtel du Lac");
        row.put("CLI_MAIL", "contact@hotel-du-lac.fr");
        assertThat(m.toCanonical(row)).containsExactly(Map.entry("name", "Hôtel du Lac"),
                Map.entry("email", "contact@hotel-du-lac.fr"));
        assertThat(m.columns()).containsExactly("CLI_CODE", "CLI_DATE_MODIF", "CLI_RAISON_SOCIALE", "CLI_MAIL");
    }

    @Test
    void aWrongMappingIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> CustomerMapping.parse(in("system: ERP\ntable: CLIENT\nkey: CLI_CODE\nlast-modified: M\n"
                + "fields:\n  nom: { column: CLI_NOM, shared: false }\n"), "x.yaml"))
                .hasMessageContaining("x.yaml: fields.nom is not a canonical field");
        assertThatThrownBy(() -> CustomerMapping.parse(in("system: ERP\ntable: CLIENT; DROP TABLE X\nkey: K\nlast-modified: M\n"
                + "fields:\n  name: { column: N, shared: false }\n"), "x.yaml"))
                .hasMessageContaining("table").hasMessageContaining("not an SQL name");
        assertThatThrownBy(() -> CustomerMapping.parse(in("system: QUICKBOOKS\n"), "x.yaml"))
                .hasMessageContaining("system must be ERP or SAGE");
        assertThatThrownBy(() -> CustomerMapping.parse(in("system: ERP\ntable: T\nkey: K\nlast-modified: M\n"
                + "fields:\n  name: { column: N, shared: maybe }\n"), "x.yaml"))
                .hasMessageContaining("fields.name.shared must be true or false");
    }

    @SuppressWarnings("unchecked")
    private static void golden(SyncSystem system, String fixture) {
        Map<String, Object> golden;
        try (InputStream in = CustomerMappingTest.class.getResourceAsStream("golden/" + fixture)) {
            golden = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CustomerMapping m = CustomerMapping.defaults(system);
        Map<String, Object> row = (Map<String, Object>) golden.get("row");
        Map<String, String> expected = new LinkedHashMap<>();
        ((Map<String, Object>) golden.get("canonical")).forEach((k, v) -> expected.put(k, String.valueOf(v)));
        assertThat(m.toCanonical(row)).containsExactlyEntriesOf(expected);
        List<String> shared = (List<String>) golden.get("shared");
        assertThat(m.fields().keySet().stream().filter(m::shared).toList()).containsExactlyElementsOf(shared);
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
