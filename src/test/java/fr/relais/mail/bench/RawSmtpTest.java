package fr.relais.mail.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RawSmtpTest {

    private static String stuffed(String raw) {
        return new String(RawSmtp.dotStuffed(raw.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void linesEndInCrlfAndALeadingDotIsDoubled() {
        assertThat(stuffed("a\nb\r\nc")).isEqualTo("a\r\nb\r\nc\r\n");
        assertThat(stuffed(".\r\n.x\nok.\n")).isEqualTo("..\r\n..x\r\nok.\r\n");
        assertThat(stuffed("lone\rcr")).isEqualTo("lone\r\ncr\r\n");
    }
}
