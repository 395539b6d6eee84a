package fr.relais.customer.match;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds and weights of the engine, from {@code mappings/customer-matching.yaml}. A file given
 * with {@code --config} overrides the shipped values key by key.
 */
public final class MatchingConfig {

    /** Classpath location of the shipped configuration. */
    public static final String RESOURCE = "mappings/customer-matching.yaml";

    private final Map<String, Double> values;

    private MatchingConfig(Map<String, Double> values) {
        this.values = Map.copyOf(values);
    }

    /** The configuration shipped in the jar. */
    public static MatchingConfig defaults() {
        try (InputStream in = MatchingConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new MatchingConfig(flatten(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped configuration overridden by the keys of a file. */
    public static MatchingConfig load(Path file) throws IOException {
        Map<String, Double> merged = new HashMap<>(defaults().values);
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Double> own = flatten(in);
            for (String k : own.keySet()) {
                if (!merged.containsKey(k)) {
                    throw new IllegalArgumentException(file + ": unknown setting '" + k + "'");
                }
            }
            merged.putAll(own);
        }
        return new MatchingConfig(merged);
    }

    /** A copy with some values replaced (keys as in the file: "thresholds.link"). */
    public MatchingConfig with(Map<String, Double> overrides) {
        Map<String, Double> m = new HashMap<>(values);
        for (var e : overrides.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'");
            }
            m.put(e.getKey(), e.getValue());
        }
        return new MatchingConfig(m);
    }

    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing setting '" + key + "' in " + RESOURCE);
        }
        return v;
    }

    public double weight(String name) {
        return get("weights." + name);
    }

    public double similarity(String name) {
        return get("similarities." + name);
    }

    public double linkThreshold() {
        return get("thresholds.link");
    }

    public double reviewThreshold() {
        return get("thresholds.review");
    }

    public double duplicateLinkThreshold() {
        return get("thresholds.duplicate-link");
    }

    public double duplicateReviewThreshold() {
        return get("thresholds.duplicate-review");
    }

    public double ambiguityMargin() {
        return get("thresholds.ambiguity-margin");
    }

    public double prior() {
        return get("prior");
    }

    public int maxBlockSize() {
        return (int) get("blocking.max-block-size");
    }

    public Map<String, Double> asMap() {
        return new LinkedHashMap<>(values);
    }

    private static Map<String, Double> flatten(InputStream in) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        Map<String, Double> out = new HashMap<>();
        if (root instanceof Map<?, ?> m) {
            flatten("", m, out);
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, Double> out) {
        for (var e : m.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> sub) {
                flatten(key, sub, out);
            } else if (e.getValue() instanceof Number n) {
                out.put(key, n.doubleValue());
            } else {
                throw new IllegalArgumentException("setting '" + key + "' is not a number: " + e.getValue());
            }
        }
    }
}
