package fr.relais.customer.sync;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** connectors/sync.yaml: every setting documented with its environment variable, and the defaults it gives. */
class SyncConnectorFileTest {

    private static final Pattern SETTING = Pattern.compile("^    ([a-z0-9-]+): \\$\\{(RELAIS_SYNC_[A-Z0-9_]+):(.*)}$");

    @Test
    void everySettingIsDocumentedWithItsVariable() throws IOException {
        String text = new ClassPathResource("connectors/sync.yaml").getContentAsString(StandardCharsets.UTF_8);
        List<String> comments = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("#")) {
                comments.add(line.strip());
                continue;
            }
            var m = SETTING.matcher(line);
            if (m.matches()) {
                String env = "RELAIS_SYNC_" + m.group(1).toUpperCase().replace('-', '_');
                assertThat(m.group(2)).as(m.group(1)).isEqualTo(env);
                assertThat(String.join(" ", comments)).as("comment of " + m.group(1)).contains("env: " + env)
                        .contains("type:").contains("default:");
                settings.add(m.group(1));
            }
            comments.clear();
        }
        assertThat(settings).containsExactlyInAnyOrder("enabled", "writes-enabled", "erp-poll-delay", "sage-poll-delay",
                "keys-poll-delay", "initial-delay", "overlap", "max-write-attempts", "retry-delay", "erp-mapping",
                "sage-mapping", "dry-run-dir");
    }

    @Test
    void theDefaultsMeetTheTargets() throws IOException {
        var environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        for (var source : new YamlPropertySourceLoader().load("sync", new ClassPathResource("connectors/sync.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        environment.getPropertySources().addLast(new MapPropertySource("application",
                Map.of("relais.demo", "false", "relais.data-dir", "./data")));
        SyncProperties p = Binder.get(environment).bind("relais.sync", SyncProperties.class).get();
        assertThat(p.isEnabled()).isTrue();
        assertThat(p.isWritesEnabled()).as("outside demo mode, writes wait for the dry run").isFalse();
        assertThat(p.getErpPollDelay()).as("change → other side within 5 s").isLessThanOrEqualTo(2000);
        assertThat(p.getSagePollDelay()).isLessThanOrEqualTo(2000);
        assertThat(p.getOverlap()).as("Sage's minute precision").isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(p.getMaxWriteAttempts()).isEqualTo(5);
        assertThat(p.getDryRunDir()).isEqualTo("./data/sync-dry-run");
    }
}
