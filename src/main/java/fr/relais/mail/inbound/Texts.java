package fr.relais.mail.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The French texts the pipeline writes on tickets (fr/relais/mail/inbound/texts.properties). */
final class Texts {

    private static final Properties TEXTS = load();

    private Texts() {
    }

    static String get(String key, Object... args) {
        String text = TEXTS.getProperty(key, key);
        return args.length == 0 ? text : new MessageFormat(text, Locale.FRENCH).format(args);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("texts.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
