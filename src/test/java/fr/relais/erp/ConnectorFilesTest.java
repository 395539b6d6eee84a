package fr.relais.erp;

import fr.relais.sage.SageProperties;
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
 * connectors/erp.yaml and connectors/sage.yaml: every setting documented like a Kamelet property, named by
 * its environment variable, and with the same defaults as the Java settings classes.
 */
class ConnectorFilesTest {

    private static final Pattern KEY = Pattern.compile("^( *)([a-z0-9-]+):\\s*(.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{(RELAIS_[A-Z0-9_]+):(.*)}$");

    @Test
    void erpFileDefaultsAreTheJavaDefaults() throws IOException {
        ErpProperties bound = bind("connectors/erp.yaml", "relais.erp", ErpProperties.class);
        assertThat(bound).usingRecursiveComparison().ignoringFields("url", "simulated", "username").isEqualTo(new ErpProperties());
        assertThat(bound.getUrl()).startsWith("jdbc:h2:file:./data/erp-sim;MODE=MSSQLServer");
        assertThat(bound.isSimulated()).isTrue();
        assertThat(new ErpProperties().isSimulated()).as("without the file, nothing is simulated").isFalse();
    }

    @Test
    void sageFileDefaultsAreTheJavaDefaults() throws IOException {
        SageProperties bound = bind("connectors/sage.yaml", "relais.sage", SageProperties.class);
        assertThat(bound).usingRecursiveComparison().ignoringFields("url", "simulated", "username").isEqualTo(new SageProperties());
        assertThat(bound.getUrl()).startsWith("jdbc:h2:file:./data/sage-sim;MODE=MSSQLServer");
        assertThat(bound.isSimulated()).isTrue();
    }

    @Test
    void everySettingIsDocumentedAndReadFromItsEnvironmentVariable() throws IOException {
        assertThat(checkDocumented("connectors/erp.yaml")).hasSize(8 + 3 + 11 + 10 + 11)
                .contains("relais.erp.url", "relais.erp.password", "relais.erp.columns.customer.last-modified");
        assertThat(checkDocumented("connectors/sage.yaml")).hasSize(8).contains("relais.sage.url", "relais.sage.password");
    }

    /** Returns the settings found; fails on a setting without a comment naming its variable. */
    private static List<String> checkDocumented(String file) throws IOException {
        String text = new ClassPathResource(file).getContentAsString(StandardCharsets.UTF_8);
        Deque<String[]> path = new ArrayDeque<>(); // {indent, key}
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
        // the two settings of application.yml that the connector files build on, at their defaults
        environment.getPropertySources().addLast(new MapPropertySource("application",
                Map.of("relais.demo", "true", "relais.data-dir", "./data")));
        return Binder.get(environment).bind(prefix, type).get();
    }
}
