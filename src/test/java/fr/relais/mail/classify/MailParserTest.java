package fr.relais.mail.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class MailParserTest {

    private final MailParser parser = new MailParser();

    static byte[] resource(String name) {
        try (InputStream in = MailParserTest.class.getResourceAsStream("/classify/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void decodesRfc2047SubjectAndQuotedPrintableUtf8() {
        MailText mail = parser.parse(resource("gaz-utf8-qp.eml"));
        assertThat(mail.readable()).isTrue();
        assertThat(mail.subject()).isEqualTo("Odeur de gaz à la maison");
        assertThat(mail.fromAddress()).isEqualTo("michele.favre@orange.fr");
        assertThat(mail.fromName()).isEqualTo("Michèle Favre");
        assertThat(mail.body()).contains("ça sent le gaz très fort").contains("fenêtres");
        assertThat(mail.header("Message-ID")).isEqualTo("<gaz-1@orange.fr>");
    }

    @Test
    void decodesIso88591EightBit() {
        MailText mail = parser.parse(resource("devis-latin1.eml"));
        assertThat(mail.subject()).isEqualTo("Devis pompe à chaleur");
        assertThat(mail.body()).contains("vieille chaudière fioul").contains("Gérard Métral");
    }

    @Test
    void guessesUtf8WhenNoCharsetIsGiven() {
        MailText mail = parser.parse(resource("reclamation-nocharset.eml"));
        assertThat(mail.body()).contains("réclamation").contains("abîmé");
        assertThat(mail.header("in-reply-to")).isEqualTo("<t-123@relais-chauffage.fr>");
    }

    @Test
    void guessesWindows1252WhenBytesAreNotUtf8() {
        assertThat(MailParser.decode("chaudi\u00e8re \u2019".getBytes(java.nio.charset.Charset.forName("windows-1252")), null))
                .isEqualTo("chaudière \u2019");
    }

    @Test
    void turnsHtmlOnlyMailIntoTextWithoutStyles() {
        MailText mail = parser.parse(resource("facture-html-only.eml"));
        assertThat(mail.subject()).isEqualTo("Copie de facture – règlement");
        assertThat(mail.body()).contains("Je n'ai pas reçu la facture n° 2026-1187 de l’intervention")
                .contains("\nPouvez-vous").doesNotContain("<p>").doesNotContain("color:red");
    }

    @Test
    void prefersTextPlainInMultipartAlternative() {
        MailText mail = parser.parse(resource("rdv-alternative.eml"));
        assertThat(mail.body()).contains("décaler le rendez-vous").doesNotContain("HTML VERSION");
    }

    @Test
    void includesForwardedMessageAndSkipsBinaryAttachments() {
        MailText mail = parser.parse(resource("forwarded-rfc822.eml"));
        assertThat(mail.body()).contains("Message transféré").contains("le chauffe-eau ne chauffe plus")
                .contains("lucie.blanc@gmail.com").doesNotContain("JVBER");
        assertThat(QuoteStripper.strip(mail.body()).relevantText()).contains("plus d'eau chaude")
                .doesNotContain("Objet :");
    }

    @Test
    void brokenMailStillYieldsWhatCanBeRead() {
        MailText mail = parser.parse(resource("broken.eml"));
        assertThat(mail.body()).contains("fuite d'eau");
        assertThat(mail.subject()).contains("fuite");
    }

    @Test
    void garbageBytesNeverThrow() {
        MailText mail = parser.parse(new byte[]{0, 1, 2, (byte) 0xff, '\n', '\n', 'x'});
        assertThat(mail).isNotNull();
        assertThat(parser.parse(new byte[0]).body()).isEmpty();
    }

    @Test
    void htmlBlockquoteBecomesQuotedLines() {
        String text = MailParser.htmlToText("<div>Oui merci</div><blockquote><p>Ancien message</p></blockquote>");
        assertThat(text).isEqualTo("Oui merci\n> Ancien message");
    }
}
