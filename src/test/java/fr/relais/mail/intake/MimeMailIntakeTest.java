package fr.relais.mail.intake;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MimeMailIntakeTest {

    private static final MimeMailIntake INTAKE = new MimeMailIntake();

    @AfterAll
    static void close() {
        INTAKE.close();
    }

    private static ParsedMail parse(String mail) {
        return INTAKE.parse(mail.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsACompleteMail() {
        ParsedMail mail = parse("""
                From: =?ISO-8859-1?Q?Ren=E9e_Dupr=E9?= <Renee.Dupre@Example.FR>
                To: contact@relais.local, "Claire" <claire@relais.local>
                Cc: undisclosed-recipients:;
                Reply-To: <secretariat@example.fr>
                Return-Path: <bounces@example.fr>
                Subject: =?UTF-8?B?UGx1cyBkZSBjaGF1ZmZhZ2Ugw6AgQW5uZWN5?=
                Date: Tue, 1 Dec 2026 08:15:00 +0100
                Message-ID: <abc@example.fr>
                In-Reply-To: <REL-2026-0042.1@relais.local>
                References: <first@example.fr>
                 <REL-2026-0042.1@relais.local>
                Thread-Index: AdnQx8Y1k2pJ3c9aTm6Z8n4hY0e7QA==
                Thread-Topic: Plus de chauffage
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="XX"

                --XX
                Content-Type: multipart/alternative; boundary="YY"

                --YY
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Bonjour, la chaudi=E8re ne d=E9marre plus. C'est tr=
                =E8s urgent.
                --YY
                Content-Type: text/html; charset=utf-8

                <p onclick="x()">Bonjour <script>alert(1)</script><img src="http://track.example.com/x.gif"><a href="javascript:alert(1)">ici</a></p>
                --YY--
                --XX
                Content-Type: application/pdf; name="=?UTF-8?Q?facture_=C3=A9t=C3=A9.pdf?="
                Content-Disposition: attachment; filename*=UTF-8''..%2F..%2Ffacture%20%C3%A9t%C3%A9.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --XX--
                """);
        assertThat(mail.readable()).isTrue();
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.messageId()).isEqualTo("abc@example.fr");
        assertThat(mail.fromAddress()).isEqualTo("renee.dupre@example.fr");
        assertThat(mail.fromName()).isEqualTo("Renée Dupré");
        assertThat(mail.replyTo()).isEqualTo("secretariat@example.fr");
        assertThat(mail.returnPath()).isEqualTo("<bounces@example.fr>");
        assertThat(mail.to()).containsExactly("contact@relais.local", "claire@relais.local");
        assertThat(mail.cc()).isEmpty();
        assertThat(mail.subject()).isEqualTo("Plus de chauffage à Annecy");
        assertThat(mail.sentAt()).hasToString("2026-12-01T07:15:00Z");
        assertThat(mail.inReplyTo()).isEqualTo("REL-2026-0042.1@relais.local");
        assertThat(mail.references()).containsExactly("first@example.fr", "REL-2026-0042.1@relais.local");
        assertThat(mail.threadIndex()).isEqualTo("AdnQx8Y1k2pJ3c9aTm6Z8n4hY0e7QA==");
        assertThat(mail.threadTopic()).isEqualTo("Plus de chauffage");
        assertThat(mail.bodyText()).isEqualTo("Bonjour, la chaudière ne démarre plus. C'est très urgent.");
        assertThat(mail.bodyHtmlSanitized()).contains("Bonjour", "ici")
                .doesNotContain("script", "onclick", "javascript", "track.example.com", "<img");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.originalName()).isEqualTo("../../facture été.pdf");
            assertThat(a.safeName()).isEqualTo("facture été.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4\n");
            assertThat(a.inline()).isFalse();
            assertThat(a.fromTnef()).isFalse();
        });
        assertThat(mail.loop().machineGenerated()).isFalse();
        assertThat(mail.classifierView().subject()).isEqualTo(mail.subject());
        assertThat(mail.classifierView().body()).isEqualTo(mail.bodyText());
        assertThat(mail.classifierView().readable()).isTrue();
    }

    @Test
    void emptyAndNullAreUnreadableWithoutThrowing() {
        for (byte[] raw : new byte[][]{null, new byte[0]}) {
            ParsedMail mail = INTAKE.parse(raw);
            assertThat(mail.readable()).isFalse();
            assertThat(mail.problems()).containsExactly("empty mail (no bytes)");
            assertThat(mail.fromAddress()).isEmpty();
            assertThat(mail.classifierView().readable()).isFalse();
        }
    }

    @Test
    void base64AsBrokenMailersWriteItIsStillDecoded() {
        ParsedMail mail = parse("""
                From: a@example.fr
                Subject: base64
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="B"

                --B
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                Q2hhdWRpw6hyZSBlbiBwYW5uZQ=
                --B
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="devis.pdf"
                Content-Transfer-Encoding: BASE64

                JVBERi0x==LjQK
                X
                --B--
                """);
        assertThat(mail.readable()).isTrue();
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.bodyText()).isEqualTo("Chaudière en panne");
        assertThat(mail.attachments()).singleElement()
                .satisfies(a -> assertThat(new String(a.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4"));
    }

    @Test
    void lenientBase64SkipsNoiseAndFixesPadding() {
        assertThat(MimeMailIntake.lenientBase64("SGVs bG8*\r\nh".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("Hello!".getBytes(StandardCharsets.US_ASCII));
        assertThat(MimeMailIntake.lenientBase64("SGVsbG8hX".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("Hello!".getBytes(StandardCharsets.US_ASCII));
        assertThat(MimeMailIntake.lenientBase64(new byte[0])).isEmpty();
    }
}
