package fr.relais.mail.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the Message-ID of a raw mail from its header block without parsing the MIME structure (the raw
 * mail is stored before anything else, and anything else may fail). Unfolds continuation lines.
 */
public final class MessageIdSniffer {

    private static final int MAX_HEADER_BYTES = 256 * 1024;

    /** The Message-ID without angle brackets, or null when the header block has none. */
    public String messageId(byte[] raw) {
        return clean(header(raw, "message-id"));
    }

    /**
     * The sender's address (lower case) and the subject (RFC 2047 decoded when possible) read from the header
     * block, for a stored mail not processed yet; nulls when absent. Processing replaces them with the parser's.
     */
    public Summary summary(byte[] raw) {
        String from = header(raw, "from");
        String address = null;
        if (from != null) {
            java.util.regex.Matcher m = ADDRESS.matcher(from);
            if (m.find()) {
                address = m.group().toLowerCase(Locale.ROOT);
            }
        }
        String subject = header(raw, "subject");
        if (subject != null) {
            try {
                subject = jakarta.mail.internet.MimeUtility.decodeText(subject);
            } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
                // kept as it is
            }
            subject = subject.replaceAll("\\p{Cntrl}", " ").strip();
        }
        return new Summary(address, subject);
    }

    /** Sender address and subject of a raw mail, or nulls. */
    public record Summary(String fromAddress, String subject) {
    }

    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");

    /** The first header of that name (lower case), unfolded, or null. */
    private static String header(byte[] raw, String name) {
        int end = Math.min(raw.length, MAX_HEADER_BYTES);
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        StringBuilder current = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                current.append(' ').append(line.strip());
                continue;
            }
            String found = valueOf(current, name);
            if (found != null) {
                return found;
            }
            current = new StringBuilder(line);
        }
        return valueOf(current, name);
    }

    private static String valueOf(StringBuilder header, String name) {
        if (header == null) {
            return null;
        }
        String line = header.toString();
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
            return null;
        }
        return line.substring(colon + 1).strip();
    }

    /** A Message-ID without spaces and angle brackets, or null when nothing is left. */
    public static String clean(String id) {
        if (id == null) {
            return null;
        }
        String v = id.strip();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            v = v.substring(lt + 1, gt);
        }
        v = v.replaceAll("\\s", "");
        return v.isEmpty() ? null : v;
    }
}
