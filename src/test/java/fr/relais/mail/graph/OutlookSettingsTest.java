package fr.relais.mail.graph;

import fr.relais.RelaisApplication;
import fr.relais.platform.SettingException;
import fr.relais.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** connectors/outlook.yaml: its defaults, the transport switch, and the settings graph cannot start without. */
class OutlookSettingsTest {

    @TempDir
    Path dataDir;

    private static StandardEnvironment environment(String transport) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("outlook", new ClassPathResource("connectors/outlook.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        if (transport != null) {
            environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test",
                    java.util.Map.of("relais.mail.transport", transport)));
        }
        return environment;
    }

    @Test
    void theFileDefaultsBind() throws Exception {
        OutlookProperties bound = Binder.get(environment(null)).bind("relais.outlook", OutlookProperties.class).get();

        assertThat(bound.baseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(bound.authority()).isEqualTo("https://login.microsoftonline.com");
        assertThat(bound.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.initialWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(bound.staffAddresses()).isEmpty();
        assertThat(bound.doneCategory()).isEqualTo("Relais · Traité");
        assertThatThrownBy(bound::checkComplete).isInstanceOf(SettingException.class)
                .hasMessageContaining("relais.outlook.tenant-id (RELAIS_OUTLOOK_TENANT_ID)");
    }

    @Test
    void everySettingIsDocumentedAndReadFromItsEnvironmentVariable() throws Exception {
        String text = new ClassPathResource("connectors/outlook.yaml").getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        java.util.Deque<String[]> path = new java.util.ArrayDeque<>();
        List<String> settings = new ArrayList<>();
        boolean commented = false;
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("#")) {
                commented = true;
                continue;
            }
            var m = java.util.regex.Pattern.compile("^( *)([a-z0-9-]+):\\s*(.*)$").matcher(line);
            if (!m.matches()) {
                commented = false;
                continue;
            }
            int indent = m.group(1).length();
            while (!path.isEmpty() && Integer.parseInt(path.peekLast()[0]) >= indent) {
                path.removeLast();
            }
            path.addLast(new String[]{String.valueOf(indent), m.group(2)});
            if (!m.group(3).isBlank()) {
                String name = String.join(".", path.stream().map(p -> p[1]).toList());
                String env = name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
                assertThat(m.group(3)).as(name).startsWith("${" + env + ":");
                assertThat(commented).as(name + " has a comment").isTrue();
                settings.add(name);
            }
            commented = false;
        }
        assertThat(settings).hasSize(17 + 2).contains("relais.outlook.client-secret", "relais.outlook.done-category",
                "relais.outlook.active", "relais.outlook.active-when.graph");
    }

    @Test
    void theRoutesAreActiveOnlyWithTheGraphTransport() throws Exception {
        assertThat(environment(null).getProperty("relais.outlook.active")).isEqualTo("false");
        assertThat(environment("imap").getProperty("relais.outlook.active")).isEqualTo("false");
        assertThat(environment("graph").getProperty("relais.outlook.active")).isEqualTo("true");
    }

    @Test
    void eachMissingRequiredSettingIsNamed() {
        OutlookProperties noSecret = new OutlookProperties("t", "c", " ", "contact@relais.fr", null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThatThrownBy(noSecret::checkComplete).hasMessageContaining("relais.outlook.client-secret");
        OutlookProperties noMailbox = new OutlookProperties("t", "c", "s", null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThatThrownBy(noMailbox::checkComplete).hasMessageContaining("relais.outlook.mailbox");
    }

    @Test
    void theHubDoesNotStartWithGraphAndNoTenant() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--relais.data-dir=" + dataDir,
                "--relais.mail.smtp-port=" + HubTestSupport.freePort(), "--relais.mail.imap-port=" + HubTestSupport.freePort(),
                "--relais.mail.transport=graph", "--relais.outlook.client-id=c", "--relais.outlook.client-secret=s",
                "--relais.outlook.mailbox=contact@relais.fr"));
        try (var context = new SpringApplicationBuilder(RelaisApplication.class).run(args.toArray(String[]::new))) {
            fail("the hub started without relais.outlook.tenant-id");
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null && !(t instanceof SettingException)) {
                t = t.getCause();
            }
            assertThat(t).as("a SettingException in " + e).isNotNull();
            assertThat(((SettingException) t).setting()).isEqualTo("relais.outlook.tenant-id");
        }
    }
}
