package fr.relais.mail.outbound;

import fr.relais.platform.SettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedHubMessageIdsTest {

    private static SigningKey key(String secret) {
        return SigningKey.resolve(secret, false, Path.of("unused"));
    }

    private final SignedHubMessageIds ids = new SignedHubMessageIds(key("a-secret-of-the-hub-0123456789"), "contact@relais.local");

    @Test
    void anIdCarriesTheTicketAndIsRecognised() {
        String id = ids.create("REL-2026-000123");

        assertThat(id).matches("rel\\.REL-2026-000123\\.[0-9a-f]{16}\\.[0-9a-f]{24}@relais\\.local");
        assertThat(ids.ticketOf(id)).contains("REL-2026-000123");
        assertThat(ids.ticketOf("<" + id + ">")).as("brackets allowed").contains("REL-2026-000123");
        assertThat(ids.ticketOf("  <" + id + ">\r\n")).contains("REL-2026-000123");
        assertThat(ids.create("REL-2026-000123")).as("each id is new").isNotEqualTo(id);
    }

    @Test
    void aForgedOrAlteredIdIsNotBelieved() {
        String id = ids.create("REL-2026-000123");
        String signature = id.split("\\.")[3].split("@")[0];

        assertThat(ids.ticketOf(id.replace("REL-2026-000123", "REL-2026-000124"))).as("other ticket").isEmpty();
        char last = signature.charAt(signature.length() - 1);
        String altered = id.replace(signature, signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0'));
        assertThat(ids.ticketOf(altered)).as("signature changed").isEmpty();
        String nonce = id.split("\\.")[2];
        assertThat(ids.ticketOf(id.replace(nonce, "0000000000000000"))).as("nonce changed").isEmpty();
        assertThat(ids.ticketOf("rel.REL-2026-000123.0123456789abcdef.000000000000000000000000@relais.local")).isEmpty();
        assertThat(ids.ticketOf("CAFx=abc@mail.gmail.com")).isEmpty();
        assertThat(ids.ticketOf(null)).isEmpty();
        assertThat(ids.ticketOf("")).isEmpty();
        assertThat(new SignedHubMessageIds(key("another-secret-of-another-hub"), "contact@relais.local").ticketOf(id))
                .as("signed with another key").isEmpty();
    }

    @Test
    void theDomainMayChangeWithoutLosingTheThread() {
        String id = ids.create("REL-2026-000007");
        var moved = new SignedHubMessageIds(key("a-secret-of-the-hub-0123456789"), "accueil@exemple-chauffage.fr");

        assertThat(moved.ticketOf(id)).contains("REL-2026-000007");
        assertThat(moved.create("REL-2026-000007")).endsWith("@exemple-chauffage.fr");
    }

    @Test
    void onlyTicketReferencesAreSigned() {
        assertThatThrownBy(() -> ids.create("REL-26-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids.create(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outsideDemoModeTheKeyIsRequiredAndNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> SigningKey.resolve("", false, dir))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("relais.mail.signing-key")
                .hasMessageContaining("RELAIS_MAIL_SIGNING_KEY");
        assertThatThrownBy(() -> SigningKey.resolve("short", false, dir))
                .isInstanceOf(SettingException.class).hasMessageContaining("too short");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void inDemoModeAKeyIsGeneratedOnceAndKeptAcrossRestarts(@TempDir Path dir) throws Exception {
        SigningKey first = SigningKey.resolve(null, true, dir.resolve("data"));
        String id = new SignedHubMessageIds(first, "contact@relais.local").create("REL-2026-000001");

        SigningKey afterRestart = SigningKey.resolve("", true, dir.resolve("data"));

        assertThat(first.generated()).isTrue();
        assertThat(afterRestart.secret()).isEqualTo(first.secret());
        assertThat(new SignedHubMessageIds(afterRestart, "contact@relais.local").ticketOf(id)).contains("REL-2026-000001");
        assertThat(Files.readString(dir.resolve("data").resolve(SigningKey.FILE_NAME), StandardCharsets.UTF_8).strip())
                .hasSizeGreaterThanOrEqualTo(SigningKey.MIN_LENGTH);
        assertThat(SigningKey.resolve("a-configured-secret-wins-1234", true, dir.resolve("data")).secret())
                .isNotEqualTo(first.secret());
    }
}
