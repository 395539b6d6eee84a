package fr.relais.mail.intake;

import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes and header words to text, forgiving: a missing, wrong or unknown charset never fails (valid
 * UTF-8 is read as UTF-8, anything else as windows-1252, the superset of ISO-8859-1 that mail clients
 * really send), RFC 2047 encoded words are decoded even when split in the middle of a character or
 * labelled with an unknown charset.
 */
final class TextDecoding {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern ENCODED_WORD =
            Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern RFC2231 = Pattern.compile("^([A-Za-z0-9_.:-]*)'[A-Za-z0-9-]*'(.*%[0-9A-Fa-f]{2}.*)$");

    private TextDecoding() {
    }

    /** Text decoded from bytes, and whether the declared charset had to be overridden. */
    record Decoded(String text, String note) {
    }

    /**
     * Decodes bytes labelled with {@code declared} (may be null, unknown or wrong). Labels ISO-8859-1,
     * windows-1252 and US-ASCII are checked against the bytes: valid UTF-8 with non-ASCII characters is
     * read as UTF-8; a UTF-8 label on bytes that are not UTF-8 is read as windows-1252.
     */
    static Decoded decode(byte[] bytes, String declared) {
        return decode(bytes, declared, false);
    }

    /** As {@link #decode(byte[], String)}; {@code cut} says the bytes were cut, maybe inside a UTF-8 sequence. */
    static Decoded decode(byte[] bytes, String declared, boolean cut) {
        if (cut) {
            bytes = withoutPartialUtf8Tail(bytes);
        }
        Charset charset = charset(declared);
        boolean ascii = isAscii(bytes);
        if (ascii) {
            return new Decoded(new String(bytes, StandardCharsets.US_ASCII), null);
        }
        String utf8 = strictUtf8(bytes);
        if (charset == null) {
            String guess = utf8 != null ? "UTF-8" : "windows-1252";
            String note = declared == null || declared.isBlank() ? null
                    : "unknown charset '" + shorten(declared) + "', read as " + guess;
            return new Decoded(utf8 != null ? utf8 : new String(bytes, WINDOWS_1252), note);
        }
        String name = charset.name();
        if (name.equals("UTF-8")) {
            return utf8 != null ? new Decoded(utf8, null)
                    : new Decoded(new String(bytes, WINDOWS_1252), "labelled UTF-8 but is not, read as windows-1252");
        }
        if (name.equals("US-ASCII") || name.equals("ISO-8859-1") || name.equals("windows-1252")
                || name.equals("ISO-8859-15")) {
            if (utf8 != null) {
                return new Decoded(utf8, "labelled " + name + " but is UTF-8");
            }
            Charset read = name.equals("ISO-8859-15") ? charset : WINDOWS_1252;
            return new Decoded(new String(bytes, read), null);
        }
        return new Decoded(new String(bytes, charset), null);
    }

    /** The bytes without a UTF-8 sequence left incomplete at their end (at most 3 bytes dropped). */
    static byte[] withoutPartialUtf8Tail(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xff;
            if (b < 0x80) {
                return bytes; // ASCII: nothing pending
            }
            if (b >= 0xc0) { // lead byte: complete when it announces exactly 'back' bytes
                int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return length > back ? java.util.Arrays.copyOf(bytes, n - back) : bytes;
            }
        }
        return bytes;
    }

    static String decodeText(byte[] bytes, String declared) {
        return decode(bytes, declared).text();
    }

    /** The Java charset for a MIME charset name, or null when unknown. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String cleaned = name.trim().replace("\"", "").replace("'", "");
        try {
            Charset charset = Charset.forName(MimeUtility.javaCharset(cleaned));
            return charset.name().equals("ISO-8859-1") ? WINDOWS_1252 : charset;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes as UTF-8, or null when they are not valid UTF-8. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Decodes RFC 2047 encoded words in a header value (adjacent words of one charset are joined before
     * decoding, whitespace between encoded words is dropped); raw 8-bit text is guessed. Never throws.
     */
    static String decodeHeader(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String unfolded = value.replaceAll("\\r?\\n[ \\t]", " ").replace("\r", "").replace("\n", "");
        Matcher m = ENCODED_WORD.matcher(unfolded);
        StringBuilder out = new StringBuilder();
        int last = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        while (m.find()) {
            String between = unfolded.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            int star = charset.indexOf('*'); // RFC 2231 language suffix: =?utf-8*fr?Q?...?=
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(between);
                }
            }
            byte[] bytes = wordBytes(m.group(2), m.group(3));
            if (bytes == null) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(m.group());
            } else {
                pending.writeBytes(bytes);
                pendingCharset = charset;
            }
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(unfolded.substring(last));
        return stripControls(out.toString().replaceAll("[\\r\\n\\t]+", " ")).strip();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (pending.size() > 0) {
            out.append(decodeText(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static byte[] wordBytes(String encoding, String text) {
        try {
            if (encoding.equalsIgnoreCase("B")) {
                String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
                while (clean.length() % 4 != 0) {
                    clean = clean.length() % 4 == 1 ? clean.substring(0, clean.length() - 1) : clean + "=";
                }
                return Base64.getDecoder().decode(clean);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '_') {
                    out.write(' ');
                } else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c & 0xff);
                }
            }
            return out.toByteArray();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * A file name as clients send it: RFC 2231 values left undecoded by jakarta.mail (unknown charset)
     * are decoded here, RFC 2047 words (Outlook) too.
     */
    static String decodeFileName(String name) {
        if (name == null) {
            return null;
        }
        Matcher m = RFC2231.matcher(name.strip());
        if (m.matches()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String value = m.group(2);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                    out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c & 0xff);
                }
            }
            return decodeText(out.toByteArray(), m.group(1));
        }
        return decodeHeader(name);
    }

    /** Removes control characters except tab, line feed and carriage return. */
    static String stripControls(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
            if (control) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                    out.append(s, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    static String shorten(String s) {
        String t = s.strip();
        return (t.length() > 40 ? t.substring(0, 40) + "…" : t).toLowerCase(Locale.ROOT);
    }
}
