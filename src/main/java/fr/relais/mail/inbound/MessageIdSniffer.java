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
            String found = valueOf(current);
            if (found != null) {
                return found;
            }
            current = new StringBuilder(line);
        }
        return valueOf(current);
    }

    private static String valueOf(StringBuilder header) {
        if (header == null) {
            return null;
        }
        String line = header.toString();
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("message-id")) {
            return null;
        }
        return clean(line.substring(colon + 1));
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
