package fr.relais.mail.inbound;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdSnifferTest {

    private final MessageIdSniffer sniffer = new MessageIdSniffer();

    private static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheIdSenderAndSubjectFromTheHeaderBlockOnly() {
        byte[] mail = raw("Subject: =?UTF-8?Q?Fuite_d=27eau?=\r\n =?UTF-8?Q?_urgente?=\r\nFrom: \"Martin, Sophie\"\r\n"
                + " <Sophie.Martin@Example.FR>\r\nMessage-ID:\r\n <abc@example.fr>\r\n\r\nMessage-ID: <body@x>\r\n");
        assertThat(sniffer.messageId(mail)).isEqualTo("abc@example.fr");
        MessageIdSniffer.Summary summary = sniffer.summary(mail);
        assertThat(summary.fromAddress()).isEqualTo("sophie.martin@example.fr");
        assertThat(summary.subject()).isEqualTo("Fuite d'eau urgente");
    }

    @Test
    void missingHeadersGiveNulls() {
        byte[] mail = raw("X-Other: 1\r\n\r\nFrom: body@x\r\n");
        assertThat(sniffer.messageId(mail)).isNull();
        assertThat(sniffer.summary(mail)).isEqualTo(new MessageIdSniffer.Summary(null, null));
        assertThat(sniffer.summary(new byte[0])).isEqualTo(new MessageIdSniffer.Summary(null, null));
    }
}
