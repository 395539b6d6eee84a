package fr.relais.customer.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The French reasons of refused or failed writes (resource {@code writer-messages.properties}). */
public final class WriterMessages {

    private static final Properties MESSAGES = load();

    private WriterMessages() {
    }

    public static String format(String key, Object... arguments) {
        String pattern = MESSAGES.getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no message " + key);
        }
        return new MessageFormat(pattern, Locale.FRENCH).format(arguments);
    }

    private static Properties load() {
        try (InputStream in = WriterMessages.class.getResourceAsStream("writer-messages.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing writer-messages.properties");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
