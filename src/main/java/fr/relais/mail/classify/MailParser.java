package fr.relais.mail.classify;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Turns a raw RFC 5322 mail into a {@link MailText}: decoded headers (RFC 2047), sender, subject and
 * the body as text. Handles any charset (a missing or unknown one is guessed: UTF-8 when the bytes are
 * valid UTF-8, else windows-1252), quoted-printable and base64, multipart/alternative (text/plain
 * preferred, else the HTML turned into text), nested multiparts and forwarded {@code message/rfc822}
 * parts. Never throws: a mail whose MIME structure is broken yields its raw text with
 * {@code readable=false}. Bounded: at most {@value #MAX_PART_BYTES} bytes per part, {@value #MAX_TEXT}
 * characters of text and {@value #MAX_DEPTH} levels of nesting. Thread-safe.
 */
public final class MailParser {

    static final int MAX_PART_BYTES = 2 * 1024 * 1024;
    static final int MAX_TEXT = 200_000;
    static final int MAX_DEPTH = 8;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5",
            "h6", "table", "ul", "ol", "hr", "pre", "address", "section", "article", "header", "footer", "dd", "dt");

    private final Session session;

    static {
        // jakarta.mail 2.1 looks its StreamProvider up with a ServiceLoader on every header block and
        // every decoder (a class-path scan each time): naming the implementation makes it a plain lookup.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    public MailParser() {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.ignoreunknownencoding", "true");
        props.setProperty("mail.mime.allowutf8", "true");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        this.session = Session.getInstance(props);
    }

    /** Parses a raw mail. */
    public MailText parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            return fromMessage(message);
        } catch (MessagingException | RuntimeException e) {
            return fallback(raw);
        }
    }

    /** Parses a mail already read by jakarta.mail (e.g. by camel-mail). */
    public MailText parse(MimeMessage message) {
        try {
            return fromMessage(message);
        } catch (MessagingException | RuntimeException e) {
            try (InputStream in = message.getRawInputStream()) {
                return fallback(in.readNBytes(MAX_PART_BYTES));
            } catch (IOException | MessagingException | RuntimeException e2) {
                return new MailText(Map.of(), "", "", "", "", "", false);
            }
        }
    }

    private MailText fromMessage(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = headers(message.getAllHeaders());
        String[] from = sender(first(headers, "from"));
        String subject = decode(first(headers, "subject"));
        String contentType = baseType(safeContentType(message));
        StringBuilder text = new StringBuilder();
        boolean readable = true;
        try {
            collect(message, 0, text);
        } catch (MessagingException | IOException | RuntimeException e) {
            readable = false;
            if (text.isEmpty()) {
                text.append(rawBody(message));
            }
        }
        return new MailText(headers, from[0], from[1], subject, text.toString().strip(), contentType, readable);
    }

    private void collect(Part part, int depth, StringBuilder out) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || out.length() > MAX_TEXT) {
            return;
        }
        String type = baseType(safeContentType(part));
        if (type.startsWith("multipart/")) {
            Multipart multipart = multipart(part);
            if (multipart == null) {
                appendText(out, decodeBytes(part));
                return;
            }
            if (type.equals("multipart/alternative")) {
                Part chosen = chooseAlternative(multipart);
                if (chosen != null) {
                    collect(chosen, depth + 1, out);
                }
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String childType = baseType(safeContentType(child));
                if (isAttachment(child) && !childType.equals("message/rfc822")) {
                    continue;
                }
                collect(child, depth + 1, out);
            }
        } else if (type.equals("message/rfc822")) {
            MimeMessage inner = innerMessage(part);
            if (inner != null) {
                MailText forwarded = fromMessage(inner);
                appendText(out, "---------- Message transféré ----------\nDe : " + forwarded.fromAddress()
                        + "\nObjet : " + forwarded.subject() + "\n\n" + forwarded.body());
            }
        } else if (type.equals("text/html")) {
            appendText(out, htmlToText(decodeBytes(part)));
        } else if (type.startsWith("text/") || type.isEmpty()) {
            appendText(out, decodeBytes(part));
        }
    }

    /** The multipart content, read without jakarta.activation's command map (faster, no class lookups). */
    private static Multipart multipart(Part part) throws MessagingException, IOException {
        byte[] raw = rawBytes(part);
        if (raw == null) {
            Object content = part.getContent();
            return content instanceof Multipart m ? m : null;
        }
        String contentType = part.getContentType();
        return new jakarta.mail.internet.MimeMultipart(new jakarta.activation.DataSource() {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(raw);
            }

            @Override
            public java.io.OutputStream getOutputStream() throws IOException {
                throw new IOException("read-only");
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getName() {
                return "multipart";
            }
        });
    }

    private MimeMessage innerMessage(Part part) throws MessagingException, IOException {
        byte[] raw = rawBytes(part);
        if (raw == null) {
            Object content = part.getContent();
            return content instanceof MimeMessage m ? m : null;
        }
        String encoding = part instanceof jakarta.mail.internet.MimePart mime ? mime.getEncoding() : null;
        InputStream in = new ByteArrayInputStream(raw);
        if (encoding != null) {
            in = MimeUtility.decode(in, encoding);
        }
        return new MimeMessage(session, in);
    }

    /** The raw (still transfer-encoded) bytes of a part, or null when not available. */
    private static byte[] rawBytes(Part part) throws MessagingException, IOException {
        InputStream in;
        if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
            in = body.getRawInputStream();
        } else if (part instanceof MimeMessage message) {
            in = message.getRawInputStream();
        } else {
            return null;
        }
        try (InputStream raw = in) {
            return raw.readNBytes(MAX_PART_BYTES);
        }
    }

    private Part chooseAlternative(Multipart multipart) throws MessagingException {
        Part html = null;
        Part other = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            String type = baseType(safeContentType(child));
            if (type.equals("text/plain")) {
                try {
                    if (!decodeBytes(child).isBlank()) {
                        return child;
                    }
                } catch (IOException | RuntimeException e) {
                    // try the other alternatives
                }
            } else if (type.equals("text/html")) {
                html = child;
            } else if (type.startsWith("multipart/")) {
                other = child;
            }
        }
        return html != null ? html : other;
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        String disposition = null;
        try {
            disposition = part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            // unreadable disposition: treat as inline
        }
        return Part.ATTACHMENT.equalsIgnoreCase(disposition);
    }

    private static void appendText(StringBuilder out, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (!out.isEmpty()) {
            out.append("\n\n");
        }
        int room = MAX_TEXT - out.length();
        out.append(text.length() > room ? text.substring(0, Math.max(0, room)) : text);
    }

    /** The part's content decoded from its transfer encoding and charset (guessed when missing or unknown). */
    static String decodeBytes(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try {
            byte[] raw = rawBytes(part);
            String encoding = part instanceof jakarta.mail.internet.MimePart mime ? mime.getEncoding() : null;
            if (raw == null) {
                try (InputStream in = part.getInputStream()) {
                    bytes = in.readNBytes(MAX_PART_BYTES);
                }
            } else if (encoding == null || encoding.isBlank()) {
                bytes = raw;
            } else {
                try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), encoding.trim())) {
                    bytes = in.readNBytes(MAX_PART_BYTES);
                } catch (IOException | MessagingException | RuntimeException e) {
                    bytes = raw;
                }
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
                try (InputStream in = body.getRawInputStream()) {
                    bytes = in.readNBytes(MAX_PART_BYTES);
                }
            } else if (part instanceof MimeMessage message) {
                try (InputStream in = message.getRawInputStream()) {
                    bytes = in.readNBytes(MAX_PART_BYTES);
                }
            } else {
                throw e;
            }
        }
        String charset = null;
        try {
            charset = new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            // no usable content type: guess
        }
        return decode(bytes, charset);
    }

    /** Decodes bytes in the named charset, or guesses it (valid UTF-8, else windows-1252). */
    static String decode(byte[] bytes, String charsetName) {
        Charset charset = charset(charsetName);
        if (charset != null && !charset.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, charset);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String java = MimeUtility.javaCharset(name.trim().replace("\"", ""));
        try {
            Charset charset = Charset.forName(java);
            // Mails labelled ISO-8859-1 are very often windows-1252 (curly quotes, euro sign): a superset.
            return charset.name().equals("ISO-8859-1") ? WINDOWS_1252 : charset;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Plain text of an HTML document: block elements become line breaks, blockquotes become '>' lines. */
    public static String htmlToText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, title").remove();
        StringBuilder out = new StringBuilder();
        render(doc.body() == null ? doc : doc.body(), out, 0);
        return out.toString().replaceAll("[ \\t\\u00a0]+", " ").replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static void render(Node node, StringBuilder out, int quoteLevel) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode textNode) {
                String text = textNode.text();
                if (!text.isBlank() || !out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    if (quoteLevel > 0 && (out.isEmpty() || out.charAt(out.length() - 1) == '\n')) {
                        out.append("> ".repeat(quoteLevel));
                    }
                    out.append(text);
                }
            } else if (child instanceof Element element) {
                String tag = element.normalName();
                boolean block = BLOCKS.contains(tag);
                boolean quote = tag.equals("blockquote");
                if ((block || quote) && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                if (!tag.equals("br")) {
                    render(element, out, quoteLevel + (quote ? 1 : 0));
                }
                if ((block || quote) && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            }
        }
    }

    private static Map<String, List<String>> headers(Enumeration<Header> all) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : Collections.list(all)) {
            String value = header.getValue() == null ? "" : MimeUtility.unfold(header.getValue()).strip();
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Decodes RFC 2047 encoded words; leaves undecodable text as it is. */
    static String decode(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        try {
            return MimeUtility.decodeText(value).strip();
        } catch (IOException | RuntimeException e) {
            return value.strip();
        }
    }

    /** The sender's address and display name. */
    static String[] sender(String header) {
        if (header == null || header.isBlank()) {
            return new String[]{"", ""};
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(header, false);
            if (addresses.length > 0) {
                String personal = addresses[0].getPersonal();
                return new String[]{addresses[0].getAddress() == null ? "" : addresses[0].getAddress(),
                        personal == null ? "" : personal};
            }
        } catch (AddressException | RuntimeException e) {
            // fall through to the crude reading below
        }
        String decoded = decode(header);
        var m = java.util.regex.Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+").matcher(decoded);
        return m.find() ? new String[]{m.group(), decoded.substring(0, m.start()).replaceAll("[<\"]", "").strip()}
                : new String[]{"", decoded};
    }

    private static String safeContentType(Part part) {
        try {
            String type = part.getContentType();
            return type == null ? "" : type;
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String rawBody(MimeMessage message) {
        try (InputStream in = message.getRawInputStream()) {
            return decode(in.readNBytes(MAX_PART_BYTES), null);
        } catch (IOException | MessagingException | RuntimeException e) {
            return "";
        }
    }

    /** Reads what can be read from bytes that jakarta.mail refused: header lines, then the rest as text. */
    static MailText fallback(byte[] raw) {
        String text = decode(raw, null);
        int split = text.indexOf("\n\n");
        int splitCrlf = text.indexOf("\r\n\r\n");
        if (splitCrlf >= 0 && (split < 0 || splitCrlf < split)) {
            split = splitCrlf;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String body = text;
        if (split > 0) {
            try {
                InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(
                        text.substring(0, split).getBytes(StandardCharsets.UTF_8)));
                headers = headers(parsed.getAllHeaders());
                if (!headers.isEmpty()) {
                    body = text.substring(split).strip();
                }
            } catch (MessagingException | RuntimeException e) {
                headers = new LinkedHashMap<>();
            }
        }
        String[] from = sender(first(headers, "from"));
        return new MailText(headers, from[0], from[1], decode(first(headers, "subject")), body,
                baseType(first(headers, "content-type")), false);
    }
}
