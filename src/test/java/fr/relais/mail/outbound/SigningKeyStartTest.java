package fr.relais.mail.outbound;

import fr.relais.RelaisApplication;
import fr.relais.platform.SettingException;
import fr.relais.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Outside demo mode the hub does not start without the key that signs its Message-IDs, and says which setting. */
class SigningKeyStartTest {

    @TempDir
    Path dataDir;

    @Test
    void productionNeedsASigningKeyNamedInTheFailure() {
        List<String> args = List.of("--server.port=0", "--relais.data-dir=" + dataDir,
                "--relais.mail.smtp-port=" + HubTestSupport.freePort(), "--relais.mail.imap-port=" + HubTestSupport.freePort(),
                "--spring.main.banner-mode=off", "--relais.demo=false", "--relais.mail.embedded=true",
                "--relais.share.create=true", "--relais.security.admin-password=a-long-admin-password-42",
                "--relais.mail.password=mailbox-password", "--spring.main.lazy-initialization=false");
        SettingException setting = null;
        try (var context = new SpringApplicationBuilder(RelaisApplication.class).run(args.toArray(String[]::new))) {
            fail("the hub started without relais.mail.signing-key outside demo mode");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SettingException s) {
                    setting = s;
                }
            }
        }
        assertThat(setting).as("a SettingException").isNotNull();
        assertThat(setting.setting()).isEqualTo("relais.mail.signing-key");
        assertThat(setting.getMessage()).contains("RELAIS_MAIL_SIGNING_KEY").contains("required outside demo mode");
    }
}
