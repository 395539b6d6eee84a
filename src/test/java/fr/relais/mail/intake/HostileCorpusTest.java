package fr.relais.mail.intake;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mail of src/test/resources/mail/hostile against its expected outcome in expected.yaml. */
class HostileCorpusTest {

    private static final String DIR = "/mail/hostile/";
    private static final MimeMailIntake INTAKE = new MimeMailIntake();

    @AfterAll
    static void close() {
        INTAKE.close();
    }

    static List<Map<String, Object>> expectations() {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream(DIR + "expected.yaml")) {
            List<Map<String, Object>> cases = new Yaml().load(in);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> corpus() {
        return expectations().stream().map(c -> Arguments.of(c.get("file"), c));
    }

    @Test
    void everyMailOfTheCorpusHasItsExpectation() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(HostileCorpusTest.class.getResource(DIR)).toURI());
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        }
        List<Object> expected = expectations().stream().map(c -> c.get("file")).toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(35);
        assertThat(expected).doesNotHaveDuplicates();
        assertThat(expected).containsExactlyInAnyOrderElementsOf(files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesAsExpected(String file, Map<String, Object> expect) throws IOException {
        byte[] raw;
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream(DIR + file)) {
            raw = Objects.requireNonNull(in, file).readAllBytes();
        }
        ParsedMail mail = INTAKE.parse(raw);

        assertThat(mail.readable()).as("readable").isEqualTo(expect.get("readable"));
        assertThat(mail.classifierView()).as("classifier view").isNotNull();
        checkEquals(expect, "subject", mail.subject());
        checkEquals(expect, "from", mail.fromAddress());
        checkEquals(expect, "fromName", mail.fromName());
        checkEquals(expect, "messageId", mail.messageId());
        checkEquals(expect, "returnPath", mail.returnPath());
        checkEquals(expect, "inReplyTo", mail.inReplyTo());
        checkEquals(expect, "threadIndex", mail.threadIndex());
        checkEquals(expect, "threadTopic", mail.threadTopic());
        checkEquals(expect, "references", mail.references());
        checkEquals(expect, "cc", mail.cc());
        if (expect.containsKey("toCount")) {
            assertThat(mail.to()).as("to").hasSize((Integer) expect.get("toCount"));
        }

        List<String> safeNames = mail.attachments().stream().map(ParsedAttachment::safeName).toList();
        assertThat(safeNames).as("attachments").containsExactlyElementsOf(strings(expect, "attachments"));
        if (expect.containsKey("originals")) {
            assertThat(mail.attachments()).extracting(ParsedAttachment::originalName).as("original names")
                    .containsExactlyElementsOf(strings(expect, "originals"));
        }
        if (expect.containsKey("types")) {
            assertThat(mail.attachments()).extracting(ParsedAttachment::contentType).as("content types")
                    .containsExactlyElementsOf(strings(expect, "types"));
        }
        assertThat(mail.attachments().stream().filter(ParsedAttachment::inline).map(ParsedAttachment::safeName))
                .as("inline").containsExactlyElementsOf(strings(expect, "inline"));
        assertThat(mail.attachments().stream().filter(ParsedAttachment::fromTnef).map(ParsedAttachment::safeName))
                .as("from TNEF").containsExactlyElementsOf(strings(expect, "tnef"));
        for (ParsedAttachment attachment : mail.attachments()) {
            assertThat(attachment.safeName()).as("safe name")
                    .doesNotContain("/", "\\", ":", "\u202E").doesNotEndWith(".").hasSizeLessThanOrEqualTo(120);
            assertThat(attachment.content()).as("content of " + attachment.safeName()).isNotEmpty();
            assertThat(attachment.contentType()).as("content type").isLowerCase().contains("/");
        }

        assertThat(mail.loop().autoReply()).as("autoReply").isEqualTo(flag(expect, "autoReply"));
        assertThat(mail.loop().bounce()).as("bounce").isEqualTo(flag(expect, "bounce"));
        assertThat(mail.loop().bulk()).as("bulk").isEqualTo(flag(expect, "bulk"));
        for (String reason : strings(expect, "reasons")) {
            assertThat(mail.loop().reasons()).as("reasons").anyMatch(r -> r.startsWith(reason));
        }
        if (!mail.loop().machineGenerated()) {
            assertThat(mail.loop().reasons()).as("reasons").isEmpty();
        }

        for (String text : strings(expect, "text")) {
            assertThat(mail.bodyText()).as("text").contains(text);
        }
        for (String text : strings(expect, "notText")) {
            assertThat(mail.bodyText()).as("text").doesNotContain(text);
        }
        if (flag(expect, "textEmpty")) {
            assertThat(mail.bodyText()).as("text").isEmpty();
        }
        assertThat(mail.bodyText()).as("no control characters in the text")
                .doesNotContainPattern("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]");
        if (expect.containsKey("html")) {
            if (expect.get("html") == null) {
                assertThat(mail.bodyHtmlSanitized()).as("html").isNull();
            } else {
                for (String html : strings(expect, "html")) {
                    assertThat(mail.bodyHtmlSanitized()).as("html").contains(html);
                }
            }
        }
        for (String html : strings(expect, "notHtml")) {
            assertThat(mail.bodyHtmlSanitized()).as("html").doesNotContain(html);
        }
        for (String text : strings(expect, "classifier")) {
            assertThat(mail.classifierView().body()).as("classifier view").contains(text);
        }

        if (expect.containsKey("problems")) {
            for (String problem : strings(expect, "problems")) {
                assertThat(mail.problems()).as("problems").anyMatch(p -> p.contains(problem));
            }
        } else {
            assertThat(mail.problems()).as("problems").isEmpty();
        }
        if (!mail.readable()) {
            assertThat(mail.problems()).as("an unreadable mail says why").isNotEmpty();
            assertThat(mail.classifierView().readable()).isFalse();
        }
    }

    private static void checkEquals(Map<String, Object> expect, String key, Object actual) {
        if (expect.containsKey(key)) {
            assertThat(actual).as(key).isEqualTo(expect.get(key));
        }
    }

    private static boolean flag(Map<String, Object> expect, String key) {
        return Boolean.TRUE.equals(expect.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> expect, String key) {
        Object value = expect.get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}
