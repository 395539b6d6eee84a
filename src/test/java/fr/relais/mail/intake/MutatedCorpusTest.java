package fr.relais.mail.intake;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus mails damaged at random (fixed seed: reproducible): bytes changed, MIME punctuation injected,
 * cuts, insertions, deletions. Whatever the damage, the parser answers with a complete result.
 */
class MutatedCorpusTest {

    private static final MimeMailIntake INTAKE = new MimeMailIntake();

    @AfterAll
    static void close() {
        INTAKE.close();
    }

    @Test
    void damagedMailsAlwaysGiveACompleteResult() throws IOException, URISyntaxException {
        List<byte[]> seeds = new ArrayList<>();
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/mail/hostile/")).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 0 && bytes.length < 100_000) {
                    seeds.add(bytes);
                }
            }
        }
        Random random = new Random(20261203L);
        byte[] punctuation = "\r\n-=?\"<>;:\\/".getBytes();
        int unreadable = 0;
        for (int i = 0; i < 400; i++) {
            byte[] mail = seeds.get(random.nextInt(seeds.size())).clone();
            int mutations = 1 + random.nextInt(12);
            for (int m = 0; m < mutations && mail.length > 1; m++) {
                int at = random.nextInt(mail.length);
                switch (random.nextInt(5)) {
                    case 0 -> mail[at] = (byte) random.nextInt(256);
                    case 1 -> mail[at] = punctuation[random.nextInt(punctuation.length)];
                    case 2 -> mail = Arrays.copyOf(mail, Math.max(1, mail.length - random.nextInt(200)));
                    case 3 -> {
                        int length = Math.min(mail.length - at, random.nextInt(200));
                        byte[] longer = new byte[mail.length + length];
                        System.arraycopy(mail, 0, longer, 0, at + length);
                        System.arraycopy(mail, at, longer, at + length, mail.length - at);
                        mail = longer;
                    }
                    default -> {
                        int length = Math.min(mail.length - at - 1, random.nextInt(50));
                        byte[] shorter = new byte[mail.length - Math.max(0, length)];
                        System.arraycopy(mail, 0, shorter, 0, at);
                        System.arraycopy(mail, at + Math.max(0, length), shorter, at, shorter.length - at);
                        mail = shorter;
                    }
                }
            }
            ParsedMail parsed = INTAKE.parse(mail);
            String label = "mutation " + i;
            assertThat(parsed).as(label).isNotNull();
            assertThat(parsed.fromAddress()).as(label).isNotNull().doesNotContainPattern("\\s");
            assertThat(parsed.subject()).as(label).isNotNull().doesNotContain("\n");
            assertThat(parsed.bodyText()).as(label).isNotNull();
            assertThat(parsed.loop()).as(label).isNotNull();
            assertThat(parsed.classifierView()).as(label).isNotNull();
            assertThat(parsed.problems()).as(label).noneMatch(p -> p.startsWith("parse failed"))
                    .noneMatch(p -> p.contains("\n") || p.contains("\r"));
            for (ParsedAttachment attachment : parsed.attachments()) {
                assertThat(attachment.safeName()).as(label).isNotBlank()
                        .doesNotContain("/", "\\", ":", "*", "?", "\"", "<", ">", "|").doesNotEndWith(".");
            }
            if (!parsed.readable()) {
                unreadable++;
                assertThat(parsed.problems()).as(label).isNotEmpty();
            }
        }
        assertThat(unreadable).as("most damaged mails are still read").isLessThan(200);
    }
}
