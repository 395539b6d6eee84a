package fr.relais.customer.write;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * connectors/sage-writer.yaml and connectors/erp-writer.yaml: every setting documented (its comment names its
 * environment variable), read from that variable, and with the same defaults as the Java settings classes.
 */
class WriterConnectorFilesTest {

    private static final Pattern KEY = Pattern.compile("^( *)([a-z0-9-]+):\\s*(.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{(RELAIS_[A-Z0-9_]+):(.*)}$");

    @Test
    void sageWriterFileDefaultsAreTheJavaDefaults() throws IOException {
        SageWriterProperties bound = bind("connectors/sage-writer.yaml", "relais.sage.writer", SageWriterProperties.class);
        assertThat(bound).usingRecursiveComparison().isEqualTo(new SageWriterProperties());
        assertThat(bound.getMode()).isEqualTo(SageWriterProperties.Mode.BRIDGE);
        assertThat(bound.getImportFile().getSeparator()).isEqualTo(";");
        assertThat(bound.getAccountNumber().toRule()).isEqualTo(AccountNumbers.Rule.defaults());
    }

    @Test
    void erpWriterFileDefaultsAreTheJavaDefaults() throws IOException {
        ErpWriterProperties bound = bind("connectors/erp-writer.yaml", "relais.erp.writer", ErpWriterProperties.class);
        assertThat(bound).usingRecursiveComparison().isEqualTo(new ErpWriterProperties());
        assertThat(ErpLayout.parse(bound.getImportFile().getColumns()).correlationColumn()).isEqualTo("RELAIS_REF");
        assertThat(ErpLayout.parse(bound.getStagingTable().getColumns()).columns()).hasSize(14);
    }

    @Test
    void modesBindFromTheirDocumentedSpelling() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "relais.sage.writer.mode", "import-file", "relais.erp.writer.mode", "staging-table",
                "relais.sage.writer.account-number.rule", "sequence")));
        var sage = Binder.get(environment).bind("relais.sage.writer", SageWriterProperties.class).get();
        var erp = Binder.get(environment).bind("relais.erp.writer", ErpWriterProperties.class).get();
        assertThat(sage.getMode()).isEqualTo(SageWriterProperties.Mode.IMPORT_FILE);
        assertThat(sage.getAccountNumber().getRule()).isEqualTo(AccountNumbers.Rule.Kind.SEQUENCE);
        assertThat(erp.getMode()).isEqualTo(ErpWriterProperties.Mode.STAGING_TABLE);
    }

    @Test
    void aConfiguredBridgeNeedsHttpsAndAKey() {
        var bridge = new SageWriterProperties.Bridge();
        CustomerWritersConfiguration.checkBridgeSettings(bridge); // not configured: allowed (writes UNAVAILABLE)
        bridge.setBaseUrl("http://sage01.example.local/sage-bridge");
        bridge.setApiKey("k".repeat(32));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CustomerWritersConfiguration.checkBridgeSettings(bridge))
                .isInstanceOf(fr.relais.platform.SettingException.class).hasMessageContaining("RELAIS_SAGE_WRITER_BRIDGE_BASE_URL");
        bridge.setBaseUrl("https://sage01.example.local/sage-bridge");
        CustomerWritersConfiguration.checkBridgeSettings(bridge);
        bridge.setBaseUrl("http://localhost:9999");
        CustomerWritersConfiguration.checkBridgeSettings(bridge);
        bridge.setApiKey("");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CustomerWritersConfiguration.checkBridgeSettings(bridge))
                .isInstanceOf(fr.relais.platform.SettingException.class).hasMessageContaining("RELAIS_SAGE_WRITER_BRIDGE_API_KEY");
    }

    @Test
    void everySettingIsDocumentedAndReadFromItsEnvironmentVariable() throws IOException {
        assertThat(checkDocumented("connectors/sage-writer.yaml")).hasSize(1 + 6 + 9 + 6)
                .contains("relais.sage.writer.bridge.api-key", "relais.sage.writer.import-file.columns");
        assertThat(checkDocumented("connectors/erp-writer.yaml")).hasSize(1 + 7 + 6)
                .contains("relais.erp.writer.staging-table.password");
    }

    private static List<String> checkDocumented(String file) throws IOException {
        String text = new ClassPathResource(file).getContentAsString(StandardCharsets.UTF_8);
        Deque<String[]> path = new ArrayDeque<>();
        List<String> comments = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("#")) {
                comments.add(line.strip());
                continue;
            }
            var m = KEY.matcher(line);
            if (!m.matches()) {
                comments.clear();
                continue;
            }
            int indent = m.group(1).length();
            while (!path.isEmpty() && Integer.parseInt(path.peekLast()[0]) >= indent) {
                path.removeLast();
            }
            path.addLast(new String[]{String.valueOf(indent), m.group(2)});
            String value = m.group(3).strip();
            if (!value.isEmpty()) {
                String name = String.join(".", path.stream().map(p -> p[1]).toList());
                String env = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
                var placeholder = PLACEHOLDER.matcher(value);
                assertThat(placeholder.matches()).as(file + ": " + name + " reads an environment variable").isTrue();
                assertThat(placeholder.group(1)).as(file + ": " + name).isEqualTo(env);
                assertThat(String.join(" ", comments)).as(file + ": the comment of " + name).contains("env: " + env);
                settings.add(name);
            }
            comments.clear();
        }
        return settings;
    }

    private static <T> T bind(String file, String prefix, Class<T> type) throws IOException {
        var environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        for (var source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
            environment.getPropertySources().addLast(source);
        }
        environment.getPropertySources().addLast(new MapPropertySource("application",
                Map.of("relais.demo", "true", "relais.data-dir", "./data")));
        return Binder.get(environment).bind(prefix, type).get();
    }
}
