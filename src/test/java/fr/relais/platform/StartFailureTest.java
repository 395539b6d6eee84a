package fr.relais.platform;

import fr.relais.RelaisApplication;
import fr.relais.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A wrong or missing setting stops the start with a message that names the setting and what is expected. */
class StartFailureTest {

    @TempDir
    Path dataDir;

    private String failureOf(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--relais.data-dir=" + dataDir,
                "--relais.mail.smtp-port=" + HubTestSupport.freePort(), "--relais.mail.imap-port=" + HubTestSupport.freePort(),
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(settings));
        try (var context = new SpringApplicationBuilder(RelaisApplication.class).run(args.toArray(String[]::new))) {
            fail("the hub started with " + List.of(settings));
            return null;
        } catch (RuntimeException e) {
            StringBuilder text = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                text.append(t.getMessage()).append('\n');
                if (t instanceof SettingException setting) {
                    FailureAnalysis analysis = new SettingFailureAnalyzer().analyze(setting);
                    text.append(analysis.getDescription()).append('\n').append(analysis.getAction()).append('\n');
                }
            }
            return text.toString();
        }
    }

    @Test
    void anUnknownBrokerModeIsNamed() {
        assertThat(failureOf("--relais.broker.mode=kafka"))
                .contains("relais.broker.mode (RELAIS_BROKER_MODE): 'kafka' is not a valid value")
                .contains("'embedded' (in the hub) or 'native'");
    }

    @Test
    void productionNeedsAnAdminPassword() {
        assertThat(failureOf("--relais.demo=false", "--relais.mail.embedded=true", "--relais.share.create=true",
                "--relais.mail.signing-key=a-test-signing-key-of-32-chars!!"))
                .contains("relais.security.admin-password (RELAIS_SECURITY_ADMIN_PASSWORD): is required outside demo mode")
                .contains("at least 12 characters");
    }

    @Test
    void anUnknownMailTransportIsNamed() {
        assertThat(failureOf("--relais.mail.transport=pop3"))
                .contains("relais.mail.transport (RELAIS_MAIL_TRANSPORT): 'pop3' is not a valid value")
                .contains("'imap'");
    }

    @Test
    void aMissingShareIsNamed() {
        Path missing = dataDir.resolve("no-such-mount");
        assertThat(failureOf("--relais.share.create=false", "--relais.share.root=" + missing))
                .contains("relais.share.root (RELAIS_SHARE_ROOT): " + missing + " is not a folder")
                .contains("Set relais.share.root (environment variable RELAIS_SHARE_ROOT)");
    }
}
