package fr.relais.mail.intake;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an attachment name chosen by a stranger into a name safe to create on any share (Windows/SMB,
 * Linux): no directory part, no control or invisible formatting characters (such as U+202E, the
 * right-to-left override that disguises {@code photo\u202Efdp.exe}), none of {@code <>:"/\|?*}, no reserved
 * device name ({@code CON}, {@code NUL}, {@code COM1}...), no leading or trailing dots and spaces, and at
 * most {@value #MAX_LENGTH} characters with the extension kept. Callers still resolve the name under
 * their root and check it stays inside.
 */
public final class SafeFileName {

    /** Longest name produced, in UTF-16 chars (well under the 255 of NTFS and ext4). */
    public static final int MAX_LENGTH = 120;
    private static final int MAX_EXTENSION = 16;
    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³");
    private static final Pattern ILLEGAL = Pattern.compile("[<>:\"|?*]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
    private static final Pattern EXTENSION = Pattern.compile("\\.[\\p{L}\\p{N}_-]{1," + MAX_EXTENSION + "}$");

    private SafeFileName() {
    }

    /**
     * A safe version of {@code original}, or the (equally cleaned) {@code fallback} when nothing usable
     * remains, e.g. {@code SafeFileName.of("../../x.pdf", "piece-jointe-1.bin")} is {@code x.pdf}.
     */
    public static String of(String original, String fallback) {
        String cleaned = clean(original);
        if (!cleaned.isEmpty()) {
            return cleaned;
        }
        String cleanedFallback = clean(fallback);
        return cleanedFallback.isEmpty() ? "piece-jointe.bin" : cleanedFallback;
    }

    private static String clean(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFC);
        s = stripInvisible(s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        // keep the last path element, whatever the separator (Unix, Windows, URL)
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        s = DRIVE.matcher(s).replaceFirst("");
        s = ILLEGAL.matcher(s).replaceAll("_");
        s = SPACES.matcher(s).replaceAll(" ");
        s = trimDotsAndSpaces(s);
        if (s.isEmpty() || s.chars().allMatch(c -> c == '_' || c == '.' || c == ' ')) {
            return "";
        }
        s = avoidReserved(s);
        s = bound(s);
        return trimDotsAndSpaces(s);
    }

    /** Removes control characters, format characters (bidi overrides, zero-width...) and lone surrogates. */
    private static String stripInvisible(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return;
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static String trimDotsAndSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code con.txt} → {@code _con.txt}: Windows reserves the device names whatever the extension. */
    private static String avoidReserved(String s) {
        int dot = s.indexOf('.');
        String base = (dot < 0 ? s : s.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
        return RESERVED.contains(base) ? "_" + s : s;
    }

    private static String bound(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        var m = EXTENSION.matcher(s);
        String extension = m.find() ? m.group() : "";
        String base = s.substring(0, s.length() - extension.length());
        int room = MAX_LENGTH - extension.length();
        if (room < 1) {
            return cut(s, MAX_LENGTH);
        }
        return trimDotsAndSpaces(cut(base, room)) + extension;
    }

    /** The first {@code max} chars, never splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
