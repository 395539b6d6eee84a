package fr.relais.mail.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The mail corpus in its text format ({@code corpus/<split>/<writer>/<CATEGORY>.txt}: blocks starting with
 * {@code === <id> <URGENCY>}, header lines, a blank line, the body). Reads it in a deterministic order
 * (writer, then category, then position) and turns blocks into {@link MailText} or into .eml bytes.
 */
public final class Corpus {

    /** One labelled mail of the corpus. */
    public record Entry(String id, String writer, Category category, Urgency urgency,
                        Map<String, String> headers, String body) {

        /** The mail as the classifier reads it, without going through MIME. */
        public MailText toMailText() {
            Map<String, List<String>> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.of(v)));
            String[] from = MailParser.sender(headers.getOrDefault("From", ""));
            return new MailText(h, from[0], from[1], headers.getOrDefault("Subject", ""), body,
                    contentType(), true);
        }

        private String contentType() {
            String type = headers.get("Content-Type");
            if (type == null) {
                return "text/plain";
            }
            int semicolon = type.indexOf(';');
            return (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        }

        /**
         * The mail as an RFC 5322 message: headers RFC 2047 encoded when not ASCII, body in UTF-8
         * quoted-printable (a multipart/report keeps its content type with the text as first part).
         */
        public byte[] toEml() {
            StringBuilder eml = new StringBuilder();
            String contentType = null;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Type")) {
                    contentType = h.getValue();
                    continue;
                }
                eml.append(h.getKey()).append(": ").append(encodeHeader(h.getKey(), h.getValue())).append("\r\n");
            }
            if (!headers.containsKey("Message-ID")) {
                eml.append("Message-ID: <").append(id).append("@corpus.relais>\r\n");
            }
            eml.append("MIME-Version: 1.0\r\n");
            String qp = quotedPrintable(body);
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                String boundary = "=_relais_" + id;
                eml.append("Content-Type: ").append(contentType.replaceAll(";\\s*boundary=\"?[^\";]*\"?", ""))
                        .append("; boundary=\"").append(boundary).append("\"\r\n\r\n");
                eml.append("--").append(boundary).append("\r\n");
                eml.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
                eml.append(qp).append("\r\n--").append(boundary).append("--\r\n");
            } else {
                eml.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
                eml.append(qp).append("\r\n");
            }
            return eml.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Corpus() {
    }

    /** Every entry under a folder (e.g. {@code corpus/train}), ordered by writer, category and position. */
    public static List<Entry> read(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            List<Entry> entries = new ArrayList<>();
            for (Path file : sorted) {
                String writer = file.getParent().getFileName().toString();
                entries.addAll(parse(Files.readString(file, StandardCharsets.UTF_8), writer, categoryOf(file.getFileName().toString())));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries of the training corpus shipped in the jar ({@code corpus/train/<writer>/<CATEGORY>.txt}). */
    public static List<Entry> readClasspath(List<String> writers) {
        List<Entry> entries = new ArrayList<>();
        ClassLoader loader = Corpus.class.getClassLoader();
        for (String writer : writers) {
            for (Category category : Category.values()) {
                URL url = loader.getResource("corpus/train/" + writer + "/" + category.name() + ".txt");
                if (url == null) {
                    continue;
                }
                try (InputStream in = url.openStream()) {
                    entries.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), writer, category));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return entries;
    }

    private static Category categoryOf(String fileName) {
        return Category.valueOf(fileName.substring(0, fileName.length() - 4).toUpperCase(Locale.ROOT));
    }

    /** Parses the blocks of one corpus file. */
    public static List<Entry> parse(String text, String writer, Category category) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("=== ")) {
                i++;
                continue;
            }
            String[] head = lines[i].substring(4).trim().split("\\s+");
            i++;
            Map<String, String> headers = new LinkedHashMap<>();
            String lastKey = null;
            while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("=== ")) {
                String line = lines[i];
                int colon = line.indexOf(':');
                if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey != null) {
                    headers.put(lastKey, headers.get(lastKey) + " " + line.strip());
                } else if (colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9-]+")) {
                    lastKey = line.substring(0, colon);
                    headers.put(lastKey, line.substring(colon + 1).strip());
                } else {
                    break;
                }
                i++;
            }
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("=== ")) {
                body.append(lines[i]).append('\n');
                i++;
            }
            if (head.length >= 1) {
                Urgency urgency = head.length >= 2 && head[1].equalsIgnoreCase("URGENT") ? Urgency.URGENT : Urgency.NORMAL;
                entries.add(new Entry(head[0], writer, category, urgency, headers, body.toString().strip()));
            }
        }
        return entries;
    }

    private static String encodeHeader(String name, String value) {
        if (value.chars().allMatch(c -> c < 128)) {
            return value;
        }
        try {
            if (name.equalsIgnoreCase("From") || name.equalsIgnoreCase("To") || name.equalsIgnoreCase("Cc")) {
                StringBuilder out = new StringBuilder();
                for (var address : jakarta.mail.internet.InternetAddress.parseHeader(value, false)) {
                    if (!out.isEmpty()) {
                        out.append(", ");
                    }
                    String personal = address.getPersonal();
                    out.append(personal == null ? address.getAddress()
                            : new jakarta.mail.internet.InternetAddress(address.getAddress(), personal, "UTF-8").toString());
                }
                return out.toString();
            }
            return jakarta.mail.internet.MimeUtility.fold(name.length() + 2,
                    jakarta.mail.internet.MimeUtility.encodeText(value, "UTF-8", "Q"));
        } catch (Exception e) {
            return value.replaceAll("[^\\x20-\\x7e]", "?");
        }
    }

    /** Quoted-printable (RFC 2045) of a UTF-8 text, with CRLF line ends and soft breaks at 76 columns. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                String piece;
                if ((b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last)) {
                    piece = String.valueOf((char) b);
                } else {
                    piece = String.format("=%02X", b);
                }
                if (column + piece.length() > 75) {
                    out.append("=\r\n");
                    column = 0;
                }
                out.append(piece);
                column += piece.length();
            }
            if (l < lines.length - 1) {
                out.append("\r\n");
            }
        }
        return out.toString();
    }
}
