package fr.relais.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the small word lists of {@code classpath:demo/words/}: one entry a line, {@code #} starts a comment. */
final class WordLists {

    private WordLists() {
    }

    static List<String> lines(String name) {
        String path = "demo/words/" + name;
        var in = WordLists.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing demo word list " + path);
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            return List.copyOf(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo word list " + path, e);
        }
    }

    /** Each line split on {@code |}. */
    static List<String[]> fields(String name) {
        return lines(name).stream().map(l -> l.split("\\|", -1)).toList();
    }
}
