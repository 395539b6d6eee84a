package fr.relais.platform;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine here: docker-compose.yml is parsed, and every variable it gives the hub must be one the
 * hub reads — a setting of application.yml or connectors/*.yaml (by Spring's relaxed binding) or a
 * variable those files name in a placeholder.
 */
class DockerComposeTest {

    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    @SuppressWarnings("unchecked")
    @Test
    void everyVariableGivenToTheHubIsOneItReads() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("hub", "postgres", "artemis");
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("hub")).get("environment");
        assertThat(environment).isNotEmpty();

        Set<String> settings = new HashSet<>();
        Set<String> placeholders = new HashSet<>();
        List<Path> files = new java.util.ArrayList<>(List.of(Path.of("src/main/resources/application.yml")));
        try (DirectoryStream<Path> connectors = Files.newDirectoryStream(Path.of("connectors"), "*.yaml")) {
            connectors.forEach(files::add);
        }
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = placeholder.matcher(text);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            for (Object document : new Yaml().loadAll(text)) {
                flatten("", document, settings);
            }
        }
        assertThat(settings).contains(normalise("relais.erp.url"), normalise("relais.sage.url"), normalise("relais.store.url"));

        for (String variable : environment.keySet()) {
            boolean known = JVM_VARIABLES.contains(variable) || placeholders.contains(variable)
                    || settings.contains(normalise(variable));
            assertThat(known).as("docker-compose gives the hub %s, which no setting reads", variable).isTrue();
        }
        assertThat(environment).containsKeys("RELAIS_DEMO", "RELAIS_STORE_URL", "RELAIS_BROKER_URL", "RELAIS_ERP_URL",
                "RELAIS_SAGE_URL", "RELAIS_MAIL_HOST", "RELAIS_SHARE_ROOT", "RELAIS_SECURITY_ADMIN_PASSWORD");
        assertThat(environment.get("RELAIS_DEMO")).isEqualTo("false");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : ((Map<Object, Object>) map).entrySet()) {
                String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
                flatten(key, entry.getValue(), into);
            }
        } else if (!prefix.isEmpty()) {
            into.add(normalise(prefix));
        }
    }

    /** Spring's relaxed binding: RELAIS_BROKER_ACCEPTOR_PORT and relais.broker.acceptor-port are the same setting. */
    private static String normalise(String name) {
        return name.replaceAll("[._\\-]", "").toLowerCase(Locale.ROOT);
    }
}
