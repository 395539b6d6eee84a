package fr.relais.mail.intake;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mails generated here because they are too big for the corpus: each must be bounded, with a problem. */
class IntakeBoundsTest {

    private static final MimeMailIntake INTAKE = new MimeMailIntake();

    @AfterAll
    static void close() {
        INTAKE.close();
    }

    private static byte[] bytes(String mail) {
        return mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static final String HEAD = """
            From: Jean Martin <jean.martin@example.fr>
            To: contact@relais.local
            Subject: Gros mail
            Message-ID: <big@example.fr>
            MIME-Version: 1.0
            """;

    private static String nested(int levels) {
        StringBuilder mail = new StringBuilder(HEAD);
        for (int i = 0; i < levels; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        mail.append("Content-Type: text/plain\n\nAu fond.\n");
        for (int i = levels - 1; i >= 0; i--) {
            mail.append("--b").append(i).append("--\n");
        }
        return mail.toString();
    }

    @Test
    void tenThousandLevelsOfNestingAreNotParsedAsMime() {
        ParsedMail parsed = INTAKE.parse(bytes(nested(10_000)));
        assertThat(parsed.readable()).isFalse();
        assertThat(parsed.subject()).isEqualTo("Gros mail");
        assertThat(parsed.fromAddress()).isEqualTo("jean.martin@example.fr");
        assertThat(parsed.problems()).containsExactly("20000 MIME boundary lines (more than 10000): not parsed as MIME");
        assertThat(parsed.classifierView().readable()).isFalse();
    }

    @Test
    void twoThousandLevelsOfNestingAreCutAtTheDepthLimit() {
        ParsedMail parsed = INTAKE.parse(bytes(nested(2_000)));
        assertThat(parsed.readable()).isTrue();
        assertThat(parsed.subject()).isEqualTo("Gros mail");
        assertThat(parsed.bodyText()).doesNotContain("Au fond");
        assertThat(parsed.problems()).containsExactly("nesting deeper than 20 levels: deeper parts skipped");
        assertThat(parsed.classifierView()).isNotNull();
    }

    @Test
    void twentyMegabyteMailHasItsTextCutAndKeepsItsAttachment() {
        String line = "Ligne de texte d'un mail beaucoup trop long, répétée encore et encore.\n";
        String text = line.repeat(10 * 1024 * 1024 / line.length());
        byte[] pdf = new byte[7 * 1024 * 1024];
        Arrays.fill(pdf, (byte) 'x');
        String mail = HEAD + """
                Content-Type: multipart/mixed; boundary="BIG"

                --BIG
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                """ + text + """
                --BIG
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="gros.pdf"
                Content-Transfer-Encoding: base64

                """ + Base64.getMimeEncoder().encodeToString(pdf) + "\n--BIG--\n";
        byte[] raw = bytes(mail);
        assertThat(raw.length).isGreaterThan(20 * 1024 * 1024);

        ParsedMail parsed = INTAKE.parse(raw);
        assertThat(parsed.readable()).isTrue();
        assertThat(parsed.bodyText()).hasSizeLessThanOrEqualTo(INTAKE.limits().maxTextChars()).startsWith("Ligne de texte");
        assertThat(parsed.problems()).containsExactly("text cut at 200000 characters");
        assertThat(parsed.attachments()).singleElement().satisfies(a -> {
            assertThat(a.safeName()).isEqualTo("gros.pdf");
            assertThat(a.content()).hasSize(pdf.length);
        });
    }

    @Test
    void aMailAboveTheSizeLimitIsNotParsedButItsHeadersAreRead() {
        MimeMailIntake small = new MimeMailIntake(IntakeLimits.defaults().withMaxMailBytes(1024 * 1024));
        try {
            String mail = HEAD + "Auto-Submitted: auto-generated\nContent-Type: text/plain\n\n"
                    + "Début lisible.\n" + "z".repeat(2 * 1024 * 1024);
            ParsedMail parsed = small.parse(bytes(mail));
            assertThat(parsed.readable()).isFalse();
            assertThat(parsed.problems()).singleElement().asString().contains("exceeds the limit of 1048576 bytes");
            assertThat(parsed.subject()).isEqualTo("Gros mail");
            assertThat(parsed.messageId()).isEqualTo("big@example.fr");
            assertThat(parsed.loop().autoReply()).isTrue();
            assertThat(parsed.bodyText()).startsWith("Début lisible.").hasSizeLessThanOrEqualTo(200_000);
            assertThat(parsed.attachments()).isEmpty();
            assertThat(parsed.classifierView().subject()).isEqualTo("Gros mail");
            assertThat(parsed.classifierView().readable()).isFalse();
        } finally {
            small.close();
        }
    }

    @Test
    void anAttachmentAboveItsLimitIsLeftOutAndNamed() {
        MimeMailIntake small = new MimeMailIntake(IntakeLimits.defaults().withMaxAttachmentBytes(1000));
        try {
            String mail = HEAD + """
                    Content-Type: multipart/mixed; boundary="A"

                    --A
                    Content-Type: text/plain

                    Deux pieces jointes.
                    --A
                    Content-Type: application/pdf
                    Content-Disposition: attachment; filename="petit.pdf"

                    petit
                    --A
                    Content-Type: application/pdf
                    Content-Disposition: attachment; filename="enorme.pdf"

                    """ + "y".repeat(5000) + "\n--A--\n";
            ParsedMail parsed = small.parse(bytes(mail));
            assertThat(parsed.readable()).isTrue();
            assertThat(parsed.attachments()).extracting(ParsedAttachment::safeName).containsExactly("petit.pdf");
            assertThat(parsed.problems()).containsExactly("attachment 'enorme.pdf' larger than 1000 bytes: left out");
        } finally {
            small.close();
        }
    }

    @Test
    void tooManyPartsAreCut() {
        StringBuilder mail = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"P\"\n\n");
        for (int i = 0; i < 5_000; i++) {
            mail.append("--P\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        mail.append("--P--\n");
        ParsedMail parsed = INTAKE.parse(bytes(mail.toString()));
        assertThat(parsed.readable()).isTrue();
        assertThat(parsed.bodyText()).contains("part 0").contains("part 498").doesNotContain("part 499\n")
                .doesNotContain("part 4999");
        assertThat(parsed.problems()).containsExactly("more than 500 MIME parts: rest of the mail skipped");
    }

    @Test
    void aMailOfTinyPartsByTheHundredThousandIsNotParsedAsMime() {
        StringBuilder mail = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"P\"\n\n");
        for (int i = 0; i < 100_000; i++) {
            mail.append("--P\n\np").append(i).append('\n');
        }
        mail.append("--P--\n");
        ParsedMail parsed = INTAKE.parse(bytes(mail.toString()));
        assertThat(parsed.readable()).isFalse();
        assertThat(parsed.problems()).singleElement().asString()
                .isEqualTo("100001 MIME boundary lines (more than 10000): not parsed as MIME");
        assertThat(parsed.subject()).isEqualTo("Gros mail");
        assertThat(parsed.bodyText()).startsWith("--P");
    }

    @Test
    void headerBombsAreNotParsedAsMime() {
        StringBuilder many = new StringBuilder(HEAD);
        for (int i = 0; i < 50_000; i++) {
            many.append("X-H").append(i).append(": v\n");
        }
        ParsedMail manyHeaders = INTAKE.parse(bytes(many + "\nCorps.\n"));
        assertThat(manyHeaders.readable()).isFalse();
        assertThat(manyHeaders.problems()).containsExactly("more than 5000 header lines: not parsed as MIME");
        assertThat(manyHeaders.subject()).isEqualTo("Gros mail");

        ParsedMail longHeader = INTAKE.parse(bytes(HEAD + "X-Long: " + "a".repeat(2 * 1024 * 1024) + "\n\nCorps.\n"));
        assertThat(longHeader.readable()).isFalse();
        assertThat(longHeader.problems()).first().asString()
                .isEqualTo("header block larger than 1048576 bytes: not parsed as MIME");
        assertThat(longHeader.bodyText()).hasSizeLessThanOrEqualTo(INTAKE.limits().maxTextChars());
    }

    @Test
    void aParseBeyondItsTimeBudgetIsCut() {
        MimeMailIntake hurried = new MimeMailIntake(IntakeLimits.defaults().withTimeBudget(Duration.ofNanos(1)));
        try {
            ParsedMail parsed = hurried.parse(bytes(HEAD + "Content-Type: text/plain\n\nBonjour.\n"));
            assertThat(parsed.problems()).anyMatch(p -> p.contains("time budget"));
            assertThat(parsed.subject()).isEqualTo("Gros mail");
            assertThat(parsed.fromAddress()).isEqualTo("jean.martin@example.fr");
        } finally {
            hurried.close();
        }
    }

    @Test
    void tnefWithHostileNamesIsUnpackedToSafeNames() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("..\\..\\Windows\\win.ini", "[fonts]".getBytes(StandardCharsets.US_ASCII));
        files.put("COM1.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        files.put("Relevé été.xlsx", new byte[]{'P', 'K', 3, 4});
        ParsedMail parsed = INTAKE.parse(bytes(TnefSample.mail(TnefSample.winmail(files))));
        assertThat(parsed.readable()).isTrue();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.attachments()).extracting(ParsedAttachment::safeName)
                .containsExactly("win.ini", "_COM1.pdf", "Relevé été.xlsx");
        assertThat(parsed.attachments()).allMatch(ParsedAttachment::fromTnef);
        assertThat(parsed.attachments().get(1).contentType()).isEqualTo("application/pdf");
        assertThat(new String(parsed.attachments().get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("[fonts]");
    }

    @Test
    void brokenTnefIsKeptAsItIs() {
        byte[] broken = "not a TNEF stream at all".getBytes(StandardCharsets.US_ASCII);
        ParsedMail parsed = INTAKE.parse(bytes(TnefSample.mail(broken)));
        assertThat(parsed.readable()).isTrue();
        assertThat(parsed.attachments()).singleElement().satisfies(a -> {
            assertThat(a.safeName()).isEqualTo("winmail.dat");
            assertThat(a.fromTnef()).isFalse();
            assertThat(a.content()).isEqualTo(broken);
        });
        assertThat(parsed.problems()).singleElement().asString().startsWith("winmail.dat could not be unpacked");
    }

    @Test
    void parsesConcurrentlyWithoutMixingMails() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<ParsedMail>>();
            for (int i = 0; i < 40; i++) {
                String mail = HEAD.replace("Gros mail", "Mail " + i) + "Content-Type: text/plain\n\nCorps " + i + "\n";
                futures.add(pool.submit(() -> INTAKE.parse(bytes(mail))));
            }
            for (int i = 0; i < 40; i++) {
                ParsedMail parsed = futures.get(i).get();
                assertThat(parsed.subject()).isEqualTo("Mail " + i);
                assertThat(parsed.bodyText()).isEqualTo("Corps " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
