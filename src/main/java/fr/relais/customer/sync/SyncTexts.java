package fr.relais.customer.sync;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The French texts of the sync's tickets and report, in {@code templates/sync/} (Mustache): the first line of a
 * ticket template is its subject, the rest its description. Field labels in {@code labels.properties}.
 */
public final class SyncTexts {

    static final String ROOT = "templates/sync";

    /** A rendered ticket text. */
    public record Text(String subject, String body) {
    }

    private final DefaultMustacheFactory plain = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private final DefaultMustacheFactory html = new DefaultMustacheFactory(ROOT);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final Properties labels = new Properties();

    public SyncTexts() {
        try (InputStream in = SyncTexts.class.getClassLoader().getResourceAsStream(ROOT + "/labels.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + ROOT + "/labels.properties");
            }
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String label(String field) {
        return labels.getProperty(field, field);
    }

    /** Renders {@code <name>.txt.mustache}: subject (first line) and body. */
    public Text ticket(String name, Object model) {
        String all = render(plain, name + ".txt.mustache", model).replace("\r\n", "\n");
        int nl = all.indexOf('\n');
        String subject = (nl < 0 ? all : all.substring(0, nl)).replaceAll("\\p{Cntrl}", " ").strip();
        return new Text(subject.length() > 250 ? subject.substring(0, 250) : subject,
                nl < 0 ? "" : all.substring(nl + 1).strip());
    }

    /** Renders an HTML template (every value escaped). */
    public String html(String name, Object model) {
        return render(html, name, model);
    }

    private String render(DefaultMustacheFactory factory, String template, Object model) {
        Mustache m = compiled.computeIfAbsent((factory == html ? "h:" : "t:") + template, k -> factory.compile(template));
        StringWriter w = new StringWriter();
        m.execute(w, model);
        return w.toString();
    }

    /** Label/value lines of a record's fields, for a template. */
    public List<Map<String, String>> fieldLines(Map<String, String> fields) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String f : CustomerMapping.CANONICAL_FIELDS) {
            String v = fields.get(f);
            if (v != null && !v.isBlank()) {
                out.add(Map.of("label", label(f), "value", v));
            }
        }
        return out;
    }

    /** Label/left/right lines of two records side by side. */
    public List<Map<String, String>> sideBySide(Map<String, String> left, Map<String, String> right) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String f : CustomerMapping.CANONICAL_FIELDS) {
            String l = left.getOrDefault(f, "");
            String r = right.getOrDefault(f, "");
            if (!l.isBlank() || !r.isBlank()) {
                out.add(Map.of("label", label(f), "left", l.isBlank() ? "—" : l, "right", r.isBlank() ? "—" : r));
            }
        }
        return out;
    }
}
