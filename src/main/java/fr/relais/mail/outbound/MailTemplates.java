package fr.relais.mail.outbound;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The French templates of the mails the hub sends, in {@code templates/mail/} on the classpath (Mustache).
 * Each mail has a text and an HTML version; the first line of the text version is the subject, the rest
 * the body. HTML versions escape every value; text versions write values as they are (control characters
 * removed from the subject). Labels (category names, date formats) are in {@code labels.properties}.
 */
public class MailTemplates {

    static final String ROOT = "templates/mail";

    /** A rendered mail. */
    public record Rendered(String template, String subject, String text, String html) {
    }

    private final DefaultMustacheFactory html = new DefaultMustacheFactory(ROOT);
    private final DefaultMustacheFactory text = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private final Properties labels = new Properties();

    public MailTemplates() {
        try (InputStream in = resource(ROOT + "/labels.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + ROOT + "/labels.properties");
            }
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A label from labels.properties, or the fallback. */
    public String label(String key, String fallback) {
        return labels.getProperty(key, fallback);
    }

    /** The first of the candidate names (without extension) that exists, e.g. {@code ack/SAV-URGENT}. */
    public String firstExisting(List<String> candidates) {
        for (String name : candidates) {
            if (exists(name + ".txt.mustache") && exists(name + ".html.mustache")) {
                return name;
            }
        }
        throw new IllegalStateException("no mail template among " + candidates + " in " + ROOT);
    }

    /** Renders {@code <name>.txt.mustache} (subject and text) and {@code <name>.html.mustache}. */
    public Rendered render(String name, Map<String, Object> model) {
        String full = run(text.compile(name + ".txt.mustache"), model).replace("\r\n", "\n");
        int newline = full.indexOf('\n');
        String subject = newline < 0 ? full : full.substring(0, newline);
        String body = newline < 0 ? "" : full.substring(newline + 1).stripLeading();
        return new Rendered(name, oneLine(subject), body, run(html.compile(name + ".html.mustache"), model));
    }

    /** A subject on one line: no control characters (header injection), spaces collapsed, at most 250 characters. */
    static String oneLine(String subject) {
        String line = subject.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
        return line.length() > 250 ? line.substring(0, 249) + "…" : line;
    }

    private static String run(Mustache mustache, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }

    /** Templates are resources of the application: looked up once each (a lookup in the packaged jar is slow). */
    private static final java.util.Map<String, Boolean> EXISTING = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean exists(String path) {
        return EXISTING.computeIfAbsent(path, p -> MailTemplates.class.getClassLoader().getResource(ROOT + "/" + p) != null);
    }

    private static InputStream resource(String path) {
        return MailTemplates.class.getClassLoader().getResourceAsStream(path);
    }
}
