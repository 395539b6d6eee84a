package fr.relais.mail.intake;

import fr.relais.mail.classify.MailParser;
import fr.relais.mail.classify.MailText;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inbound mail parser of the hub (jakarta.mail for MIME, jsoup for HTML, Apache POI HMEF for
 * winmail.dat). Plain Java: {@code new MimeMailIntake()} works in a unit test. Never throws; bounded by
 * {@link IntakeLimits} in size, parts, depth, text and time. See docs/mail-intake.md.
 */
@Component
public class MimeMailIntake implements MailIntake, AutoCloseable {

    private static final Set<String> MAIL_HEADERS = Set.of("from", "to", "cc", "subject", "date", "message-id",
            "received", "return-path", "mime-version", "content-type", "sender", "reply-to", "delivered-to",
            "in-reply-to", "references", "x-mailer", "user-agent", "dkim-signature", "thread-index",
            "auto-submitted", "list-id");
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern LOOSE_ADDRESS = Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");
    private static final int MAX_HEADERS = 2000;
    private static final int MAX_HEADER_BLOCK_BYTES = 1024 * 1024;
    private static final int MAX_HEADER_LINES = 5_000;
    private static final int MAX_HEADER_CHARS = 64 * 1024;
    private static final int MAX_REFERENCES = 100;
    private static final int FALLBACK_HEAD_BYTES = 256 * 1024;
    private static final Map<String, String> LABELS = labels();

    private final IntakeLimits limits;
    private final Session session;
    private final MailParser classifierParser;
    private final ExecutorService executor;

    /** A parser with the default limits (tests, commands). */
    public MimeMailIntake() {
        this(IntakeLimits.defaults());
    }

    @Autowired
    public MimeMailIntake(IntakeLimits limits) {
        this.limits = limits == null ? IntakeLimits.defaults() : limits;
        // constructed first: it names Angus' StreamProvider before jakarta.mail looks it up (see MailParser)
        this.classifierParser = new MailParser();
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.decodeparameters", "true");
        props.setProperty("mail.mime.decodefilename", "false");
        props.setProperty("mail.mime.ignoreunknownencoding", "true");
        props.setProperty("mail.mime.allowutf8", "true");
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        props.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        this.session = Session.getInstance(props);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mail-intake-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public IntakeLimits limits() {
        return limits;
    }

    @Override
    public ParsedMail parse(byte[] raw) {
        try {
            if (raw == null || raw.length == 0) {
                return fallback(new byte[0], "empty mail (no bytes)");
            }
            if (raw.length > limits.maxMailBytes()) {
                return fallback(raw, "mail of " + raw.length + " bytes exceeds the limit of "
                        + limits.maxMailBytes() + " bytes: not parsed as MIME");
            }
            String headerProblem = headerBlockProblem(raw);
            if (headerProblem != null) {
                return fallback(raw, headerProblem);
            }
            long boundaryLines = boundaryLines(raw);
            if (boundaryLines > (long) limits.maxParts() * 20) {
                // jakarta.mail builds every part of a multipart level at once: a few MB of tiny parts would
                // cost seconds and hundreds of MB before the part limit could stop the walk
                return fallback(raw, boundaryLines + " MIME boundary lines (more than "
                        + limits.maxParts() * 20 + "): not parsed as MIME");
            }
            long budgetNanos = limits.timeBudget().toNanos();
            // the walk stops itself at 80 % of the budget; the future is the backstop for a stuck library call
            long deadline = System.nanoTime() + budgetNanos * 8 / 10;
            Future<ParsedMail> future = executor.submit(() -> parseMime(raw, deadline));
            try {
                return future.get(budgetNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return fallback(raw, "parse cut after " + limits.timeBudget().toMillis() + " ms (time budget)");
            } catch (ExecutionException e) {
                return fallback(raw, "parse failed: " + describe(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                return fallback(raw, "parse interrupted");
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return minimal("parse failed: " + describe(e));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- MIME parse

    private ParsedMail parseMime(byte[] raw, long deadline) {
        MimeMessage message;
        Map<String, List<String>> headers;
        try {
            message = new MimeMessage(session, new SharedByteArrayInputStream(raw));
            headers = headerMap(message.getAllHeaders());
        } catch (MessagingException | RuntimeException e) {
            return fallback(raw, "MIME headers unreadable: " + describe(e));
        }
        if (headers.keySet().stream().noneMatch(MAIL_HEADERS::contains)) {
            return fallback(raw, "no mail header found: not a mail");
        }
        Walk walk = new Walk(deadline);
        boolean readable = true;
        try {
            walk.part(message, 0, false, true, true);
        } catch (Cut cut) {
            walk.problem(cut.getMessage());
        } catch (MessagingException | IOException | RuntimeException e) {
            readable = false;
            walk.problem("MIME structure unreadable: " + describe(e));
            if (walk.text.isEmpty()) {
                walk.appendText(bodyAsText(raw));
            }
        }
        readable &= walk.readable;
        MailText classifierView = null;
        // the classifier's parser has none of these bounds: it reads the mail only when it is safe for it
        if (System.nanoTime() < deadline && !walk.htmlTooDeep) {
            try {
                classifierView = classifierParser.parse(raw);
            } catch (RuntimeException | StackOverflowError e) {
                classifierView = null;
            }
        }
        Fields fields = fields(headers);
        String topType = baseType(first(headers, "content-type"));
        if (classifierView == null) {
            // out of time (or the classifier's parser failed): the classifier reads this parse instead
            classifierView = new MailText(headers, fields.fromAddress, fields.fromName, fields.subject,
                    walk.text.toString(), topType, readable);
        } else if (!readable && classifierView.readable()) {
            MailText v = classifierView;
            classifierView = new MailText(v.headers(), v.fromAddress(), v.fromName(), v.subject(), v.body(),
                    v.contentType(), false);
        }
        LoopSignals loop = LoopDetector.detect(headers, topType, walk.deliveryReport, fields.fromAddress,
                fields.returnPath);
        String html = null;
        if (!walk.html.isEmpty()) {
            try {
                html = HtmlSanitizer.sanitize(walk.html.toString());
            } catch (RuntimeException e) {
                walk.problem("HTML could not be sanitised: " + describe(e));
            }
        }
        return new ParsedMail(fields.messageId, fields.fromAddress, fields.fromName, fields.replyTo,
                fields.returnPath, fields.to, fields.cc, fields.subject, fields.sentAt, fields.inReplyTo,
                fields.references, fields.threadIndex, fields.threadTopic, walk.text.toString().strip(), html,
                walk.attachments(), loop, classifierView, readable, mergeProblems(fields.problems, walk.problems));
    }

    /** Stops the walk: the mail is cut where it was. */
    private static final class Cut extends RuntimeException {
        Cut(String message) {
            super(message, null, false, false);
        }
    }

    /** One walk through a mail's MIME tree, collecting text, HTML and attachments within the limits. */
    private final class Walk {
        final long deadline;
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<ParsedAttachment> attachments = new ArrayList<>();
        final List<String> contentIds = new ArrayList<>();
        final Set<String> usedNames = new HashSet<>();
        final Set<String> problems = new LinkedHashSet<>();
        int parts;
        long attachmentBytes;
        boolean deliveryReport;
        boolean readable = true;
        boolean textCut;
        boolean htmlCut;
        boolean depthCut;
        boolean htmlTooDeep;

        Walk(long deadline) {
            this.deadline = deadline;
        }

        void problem(String problem) {
            if (problems.size() < 50) {
                problems.add(TextDecoding.stripControls(problem.replaceAll("\\s+", " ")));
            }
        }

        void part(Part part, int depth, boolean inRelated, boolean wantText, boolean wantHtml)
                throws MessagingException, IOException {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                throw new Cut("parse cut after " + limits.timeBudget().toMillis() * 8 / 10
                        + " ms (time budget): rest of the mail skipped");
            }
            if (++parts > limits.maxParts()) {
                throw new Cut("more than " + limits.maxParts() + " MIME parts: rest of the mail skipped");
            }
            if (depth > limits.maxDepth()) {
                if (!depthCut) {
                    depthCut = true;
                    problem("nesting deeper than " + limits.maxDepth() + " levels: deeper parts skipped");
                }
                return;
            }
            String contentType = contentType(part);
            String type = baseType(contentType);
            if (type.startsWith("multipart/")) {
                multipart(part, contentType, type, depth, wantText, wantHtml);
            } else if (type.equals("message/rfc822") || type.equals("message/global")) {
                forwarded(part, depth, wantText);
            } else if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")
                    || type.equals("message/disposition-notification")) {
                deliveryReport = true;
            } else if (type.equals("text/rfc822-headers") || type.equals("text/rfc822-header")) {
                // the headers of a returned mail in a report: not the sender's text
            } else if (isAttachment(part, type)) {
                attachment(part, type, inRelated);
            } else if (type.equals("text/html")) {
                String source = text(part, contentType, limits.maxHtmlChars());
                if (HtmlSanitizer.nestingDepth(source) > HtmlSanitizer.MAX_DEPTH) {
                    htmlTooDeep = true;
                    problem("HTML nested deeper than " + HtmlSanitizer.MAX_DEPTH
                            + " levels: read as flat text, not kept as HTML");
                    if (wantText) {
                        appendText(HtmlSanitizer.flatText(source));
                    }
                    return;
                }
                if (wantHtml) {
                    appendHtml(source);
                }
                if (wantText) {
                    appendText(htmlToText(source));
                }
            } else if (wantText) {
                appendText(text(part, contentType, limits.maxTextChars()));
            }
        }

        private void multipart(Part part, String contentType, String type, int depth, boolean wantText,
                               boolean wantHtml) throws MessagingException, IOException {
            MimeMultipart multipart;
            try {
                multipart = new MimeMultipart(new MimePartDataSource((MimePart) part));
                multipart.getCount(); // parses
            } catch (MessagingException | RuntimeException e) {
                readable = false;
                problem(type + " unreadable (" + describe(e) + "): its content is kept as text");
                if (wantText) {
                    appendText(text(part, contentType, limits.maxTextChars()));
                }
                return;
            }
            if (parameter(contentType, "boundary") == null) {
                problem(type + " without boundary parameter: boundary guessed");
            }
            if (!multipart.isComplete()) {
                problem(type + " has no closing boundary (truncated mail?)");
            }
            int count = multipart.getCount();
            if (type.equals("multipart/alternative")) {
                alternative(multipart, depth, wantText, wantHtml);
                return;
            }
            boolean related = type.equals("multipart/related");
            for (int i = 0; i < count; i++) {
                try {
                    part(multipart.getBodyPart(i), depth + 1, related, wantText, wantHtml);
                } catch (MessagingException | IOException | RuntimeException e) {
                    if (e instanceof Cut cut) {
                        throw cut;
                    }
                    // one broken part does not hide the others
                    problem("part " + (i + 1) + " of " + type + " unreadable: " + describe(e));
                }
            }
        }

        /** Text from the plain alternative when it has any, HTML from the HTML one, attachments from all. */
        private void alternative(MimeMultipart multipart, int depth, boolean wantText, boolean wantHtml)
                throws MessagingException, IOException {
            Part plain = null;
            Part rich = null;
            List<Part> others = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                Part child = multipart.getBodyPart(i);
                String type = baseType(contentType(child));
                if (type.equals("text/plain") && plain == null && !isAttachment(child, type)
                        && !text(child, contentType(child), 4096).isBlank()) {
                    plain = child;
                } else if ((type.equals("text/html") || type.startsWith("multipart/")) && rich == null) {
                    rich = child;
                } else {
                    others.add(child);
                }
            }
            if (plain != null) {
                part(plain, depth + 1, false, wantText, false);
            }
            if (rich != null) {
                part(rich, depth + 1, false, wantText && plain == null, wantHtml);
            }
            for (Part other : others) {
                String type = baseType(contentType(other));
                // other renderings of the same text (text/enriched, an empty text/plain) are not repeated
                if (type.startsWith("text/") && !type.equals("text/calendar") && !isAttachment(other, type)) {
                    if (plain == null && rich == null) {
                        part(other, depth + 1, false, wantText, wantHtml);
                        plain = other;
                    }
                    continue;
                }
                part(other, depth + 1, false, false, false);
            }
        }

        private void forwarded(Part part, int depth, boolean wantText) throws MessagingException, IOException {
            byte[] bytes = decodedBytes(part, limits.maxAttachmentBytes());
            if (bytes == null) {
                problem("forwarded mail larger than " + limits.maxAttachmentBytes() + " bytes: skipped");
                return;
            }
            MimeMessage inner = new MimeMessage(session, new SharedByteArrayInputStream(bytes));
            Map<String, List<String>> headers = headerMap(inner.getAllHeaders());
            if (wantText) {
                Fields f = fields(headers);
                StringBuilder block = new StringBuilder(LABELS.get("forward.separator")).append('\n');
                String from = f.fromName.isEmpty() ? f.fromAddress
                        : f.fromAddress.isEmpty() ? f.fromName : f.fromName + " <" + f.fromAddress + ">";
                block.append(LABELS.get("forward.from")).append(' ').append(from).append('\n');
                String date = first(headers, "date");
                if (!date.isEmpty()) {
                    block.append(LABELS.get("forward.date")).append(' ').append(date).append('\n');
                }
                block.append(LABELS.get("forward.subject")).append(' ').append(f.subject);
                appendText(block.toString());
            }
            part(inner, depth + 1, false, wantText, false);
        }

        private void attachment(Part part, String type, boolean inRelated) throws MessagingException {
            String original = fileName(part);
            String disposition = disposition(part);
            byte[] bytes;
            try {
                bytes = decodedBytes(part, limits.maxAttachmentBytes());
            } catch (IOException | RuntimeException e) {
                problem("attachment '" + TextDecoding.shorten(original) + "' unreadable: " + describe(e));
                return;
            }
            if (bytes == null) {
                problem("attachment '" + TextDecoding.shorten(original) + "' larger than "
                        + limits.maxAttachmentBytes() + " bytes: left out");
                return;
            }
            if (TnefUnpacker.isTnef(type, original)) {
                try {
                    TnefUnpacker.Unpacked unpacked = TnefUnpacker.unpack(bytes);
                    for (TnefUnpacker.File file : unpacked.files()) {
                        String fileType = guessType(file.name());
                        add(file.name(), fileType, file.content(), false, null, true);
                    }
                    if (unpacked.body() != null && !unpacked.body().isBlank()) {
                        appendText(unpacked.body());
                    }
                    return;
                } catch (IOException | RuntimeException e) {
                    problem("winmail.dat could not be unpacked (" + describe(e) + "): kept as it is");
                }
            }
            // an image shown inside the HTML (a logo, a signature): in a multipart/related, or named by a
            // cid: link of the HTML; a photo sent "inline" by a phone, without a cid: link, stays an attachment
            String cid = contentId(part);
            boolean inlineCandidate = type.startsWith("image/") && !Part.ATTACHMENT.equalsIgnoreCase(disposition)
                    && (inRelated || cid != null);
            String effectiveType = type.isEmpty() || type.equals("application/octet-stream") ? guessType(original) : type;
            add(original, effectiveType, bytes, inlineCandidate && inRelated, inlineCandidate ? cid : null, false);
        }

        private void add(String original, String type, byte[] bytes, boolean inline, String cid, boolean fromTnef) {
            if (attachmentBytes + bytes.length > limits.maxTotalAttachmentBytes()) {
                problem("attachment '" + TextDecoding.shorten(original) + "' left out: attachments exceed "
                        + limits.maxTotalAttachmentBytes() + " bytes in total");
                return;
            }
            attachmentBytes += bytes.length;
            String fallback = LABELS.get("attachment.fallback") + "-" + (attachments.size() + 1) + "."
                    + extensionOf(type);
            String safe = unique(SafeFileName.of(original, fallback));
            attachments.add(new ParsedAttachment(original == null ? "" : original, safe,
                    type.isEmpty() ? "application/octet-stream" : type, bytes, inline, fromTnef));
            contentIds.add(cid);
        }

        /** The attachments, images named by a cid: link of the HTML flagged inline. */
        List<ParsedAttachment> attachments() {
            String source = html.toString().toLowerCase(Locale.ROOT);
            List<ParsedAttachment> out = new ArrayList<>(attachments.size());
            for (int i = 0; i < attachments.size(); i++) {
                ParsedAttachment a = attachments.get(i);
                String cid = contentIds.get(i);
                if (!a.inline() && cid != null && !source.isEmpty()) {
                    String id = cid.strip().replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
                    if (!id.isEmpty() && source.contains("cid:" + id)) {
                        a = new ParsedAttachment(a.originalName(), a.safeName(), a.contentType(), a.content(), true,
                                a.fromTnef());
                    }
                }
                out.add(a);
            }
            return out;
        }

        /** {@code photo.jpg}, {@code photo-2.jpg}... : two attachments of one mail never share a name. */
        private String unique(String name) {
            String candidate = name;
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            String extension = dot > 0 ? name.substring(dot) : "";
            for (int n = 2; !usedNames.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                String suffix = "-" + n;
                int room = SafeFileName.MAX_LENGTH - extension.length() - suffix.length();
                candidate = (base.length() > room ? base.substring(0, Math.max(1, room)) : base) + suffix + extension;
            }
            return candidate;
        }

        void appendText(String value) {
            if (value == null || value.isBlank() || textCut) {
                return;
            }
            String cleaned = TextDecoding.stripControls(value.replace("\r\n", "\n").replace('\r', '\n')).strip();
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            int room = limits.maxTextChars() - text.length();
            if (cleaned.length() > room) {
                text.append(cleaned, 0, Math.max(0, room));
                textCut = true;
                problem("text cut at " + limits.maxTextChars() + " characters");
            } else {
                text.append(cleaned);
            }
        }

        private void appendHtml(String value) {
            if (value == null || value.isBlank() || htmlCut) {
                return;
            }
            int room = limits.maxHtmlChars() - html.length();
            if (value.length() > room) {
                html.append(value, 0, Math.max(0, room));
                htmlCut = true;
                problem("HTML cut at " + limits.maxHtmlChars() + " characters");
            } else {
                html.append(value);
            }
        }

        /** A text part decoded (transfer encoding, then charset, guessed when needed), at most maxChars. */
        private String text(Part part, String contentType, int maxChars) throws MessagingException {
            byte[] bytes;
            long max = (long) maxChars * 4;
            try {
                bytes = decodedBytesCut(part, max);
            } catch (IOException | RuntimeException e) {
                problem("text part unreadable: " + describe(e));
                return "";
            }
            TextDecoding.Decoded decoded = TextDecoding.decode(bytes, parameter(contentType, "charset"),
                    bytes.length >= max);
            if (decoded.note() != null) {
                problem(decoded.note());
            }
            return decoded.text();
        }
    }

    // ---------------------------------------------------------------- parts

    /** The classifier's reading of HTML; jsoup's flat text when the document is too deep for it. */
    private static String htmlToText(String html) {
        try {
            return MailParser.htmlToText(html);
        } catch (StackOverflowError e) {
            return org.jsoup.Jsoup.parse(html).text();
        }
    }

    private static boolean isAttachment(Part part, String type) {
        if (Part.ATTACHMENT.equalsIgnoreCase(disposition(part))) {
            return true;
        }
        return !(type.isEmpty() || type.equals("text/plain") || type.equals("text/html")
                || type.equals("text/enriched") || type.equals("text/richtext"));
    }

    private static String disposition(Part part) {
        try {
            String value = part instanceof MimePart mime ? mime.getHeader("Content-Disposition", null) : null;
            if (value == null) {
                return null;
            }
            int semicolon = value.indexOf(';');
            return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String contentId(Part part) {
        try {
            return part instanceof MimePart mime ? mime.getContentID() : null;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        String name = null;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            // unreadable parameters: try the raw headers below
        }
        if (name == null && part instanceof MimePart mime) {
            try {
                for (String header : new String[]{"Content-Disposition", "Content-Type"}) {
                    String value = mime.getHeader(header, null);
                    if (value != null) {
                        Matcher m = Pattern.compile("(?i)(?:file)?name\\*?=\\s*\"?([^\";]*)\"?").matcher(value);
                        if (m.find()) {
                            name = m.group(1);
                            break;
                        }
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                name = null;
            }
        }
        return name == null ? "" : TextDecoding.decodeFileName(name);
    }

    private static String contentType(Part part) {
        try {
            String value = part.getContentType();
            return value == null ? "" : value;
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return base.contains("/") ? base : "";
    }

    private static String parameter(String contentType, String name) {
        try {
            return new ContentType(contentType).getParameter(name);
        } catch (MessagingException | RuntimeException e) {
            Matcher m = Pattern.compile("(?i)" + name + "\\s*=\\s*\"?([^\";\\s]+)").matcher(contentType);
            return m.find() ? m.group(1) : null;
        }
    }

    /** The decoded bytes of a part, or null when they exceed {@code max}. */
    private static byte[] decodedBytes(Part part, int max) throws MessagingException, IOException {
        try (InputStream in = decodedStream(part, max + 1L)) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    /** The first {@code max} decoded bytes of a part. */
    private static byte[] decodedBytesCut(Part part, long max) throws MessagingException, IOException {
        try (InputStream in = decodedStream(part, max)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max));
        }
    }

    /** The part's content without its transfer encoding (base64 read leniently); {@code max}: decoded bytes needed. */
    private static InputStream decodedStream(Part part, long max) throws MessagingException, IOException {
        InputStream raw;
        String encoding = null;
        if (part instanceof MimeMessage message) {
            raw = message.getRawInputStream();
            encoding = message.getEncoding();
        } else if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
            raw = body.getRawInputStream();
            encoding = body.getEncoding();
        } else {
            return part.getInputStream();
        }
        if (encoding == null || encoding.isBlank()) {
            return raw;
        }
        if (encoding.strip().equalsIgnoreCase("base64")) {
            try (InputStream in = raw) {
                // 4 characters per 3 bytes, plus line breaks every 76 characters
                long rawMax = Math.min(Integer.MAX_VALUE - 16, max * 14 / 10 + 4096);
                return new ByteArrayInputStream(lenientBase64(in.readNBytes((int) rawMax)));
            }
        }
        try {
            return MimeUtility.decode(raw, encoding.strip());
        } catch (MessagingException | RuntimeException e) {
            return raw;
        }
    }

    /**
     * Base64 as broken mailers write it: characters outside the alphabet skipped, missing or misplaced padding
     * ignored, a dangling last character dropped (jakarta.mail's decoder throws on all of these).
     */
    static byte[] lenientBase64(byte[] encoded) {
        byte[] clean = new byte[encoded.length];
        int n = 0;
        for (byte b : encoded) {
            if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/') {
                clean[n++] = b;
            }
        }
        if (n % 4 == 1) {
            n--;
        }
        int padding = (4 - n % 4) % 4;
        byte[] padded = Arrays.copyOf(clean, n + padding);
        Arrays.fill(padded, n, n + padding, (byte) '=');
        return java.util.Base64.getDecoder().decode(padded);
    }

    private static String guessType(String name) {
        String type = name == null ? null : URLConnection.guessContentTypeFromName(name);
        return type == null ? "application/octet-stream" : type.toLowerCase(Locale.ROOT);
    }

    private static String extensionOf(String type) {
        return switch (type) {
            case "application/pdf" -> "pdf";
            case "image/jpeg", "image/jpg", "image/pjpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/heic" -> "heic";
            case "text/plain" -> "txt";
            case "text/html" -> "html";
            case "text/calendar" -> "ics";
            case "text/csv" -> "csv";
            case "message/rfc822" -> "eml";
            case "application/zip" -> "zip";
            case "application/msword" -> "doc";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            case "application/vnd.ms-excel" -> "xls";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "xlsx";
            default -> "bin";
        };
    }

    // ---------------------------------------------------------------- headers

    private record Fields(String messageId, String fromAddress, String fromName, String replyTo, String returnPath,
                          List<String> to, List<String> cc, String subject, Instant sentAt, String inReplyTo,
                          List<String> references, String threadIndex, String threadTopic, List<String> problems) {
    }

    private Fields fields(Map<String, List<String>> headers) {
        List<String> problems = new ArrayList<>();
        String[] from = sender(first(headers, "from"));
        if (from[0].isEmpty() && !first(headers, "sender").isEmpty()) {
            from = sender(first(headers, "sender"));
        }
        String[] replyTo = sender(first(headers, "reply-to"));
        String returnPath = first(headers, "return-path").strip();
        if (returnPath.replaceAll("\\s", "").equals("<>")) {
            returnPath = "<>";
        }
        List<String> to = addresses(headers.getOrDefault("to", List.of()), problems, "To");
        List<String> cc = addresses(headers.getOrDefault("cc", List.of()), problems, "Cc");
        String messageId = firstId(first(headers, "message-id"));
        String inReplyTo = firstId(first(headers, "in-reply-to"));
        List<String> references = ids(String.join(" ", headers.getOrDefault("references", List.of())));
        String threadIndex = first(headers, "thread-index").strip();
        String threadTopic = TextDecoding.decodeHeader(first(headers, "thread-topic"));
        return new Fields(messageId, from[0], from[1], replyTo[0], returnPath, to, cc,
                TextDecoding.decodeHeader(first(headers, "subject")), date(first(headers, "date")), inReplyTo,
                references, threadIndex.isEmpty() ? null : threadIndex, threadTopic.isEmpty() ? null : threadTopic,
                problems);
    }

    /** Address and display name of the first mailbox of a header; never throws. */
    static String[] sender(String header) {
        if (header == null || header.isBlank()) {
            return new String[]{"", ""};
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
            for (InternetAddress address : parsed) {
                if (address.getAddress() != null && address.getAddress().contains("@")) {
                    return new String[]{cleanAddress(address.getAddress()), personal(address)};
                }
            }
        } catch (jakarta.mail.internet.AddressException | RuntimeException e) {
            // crude reading below
        }
        String decoded = TextDecoding.decodeHeader(header);
        Matcher m = LOOSE_ADDRESS.matcher(decoded);
        if (m.find()) {
            String name = decoded.substring(0, m.start()).replaceAll("[<\"]", "").strip();
            return new String[]{cleanAddress(m.group()), name};
        }
        return new String[]{"", decoded.replace("\"", "").strip()};
    }

    private static String personal(InternetAddress address) {
        String personal = address.getPersonal();
        if (personal == null) {
            return "";
        }
        return (personal.contains("=?") ? TextDecoding.decodeHeader(personal)
                : TextDecoding.stripControls(personal)).strip();
    }

    private List<String> addresses(List<String> values, List<String> problems, String header) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            List<String> found = new ArrayList<>();
            try {
                for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                    if (address.isGroup()) {
                        InternetAddress[] members = address.getGroup(false);
                        if (members != null) {
                            for (InternetAddress member : members) {
                                found.add(member.getAddress());
                            }
                        }
                    } else {
                        found.add(address.getAddress());
                    }
                }
            } catch (jakarta.mail.internet.AddressException | RuntimeException e) {
                found.clear();
                Matcher m = LOOSE_ADDRESS.matcher(value);
                while (m.find()) {
                    found.add(m.group());
                }
            }
            for (String address : found) {
                if (address != null && address.contains("@")) {
                    String clean = cleanAddress(address);
                    if (!out.contains(clean)) {
                        if (out.size() >= limits.maxRecipients()) {
                            problems.add(header + " cut at " + limits.maxRecipients() + " addresses");
                            return out;
                        }
                        out.add(clean);
                    }
                }
            }
        }
        return out;
    }

    private static String cleanAddress(String address) {
        return address.replaceAll("[\\p{Cc}\\p{Cf}\\s]", "").replaceAll("^[<\"']+|[>\"'.,;]+$", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String firstId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = ANGLE_ID.matcher(value);
        if (m.find()) {
            return m.group(1);
        }
        String token = value.strip().split("\\s+")[0];
        return token.isEmpty() ? null : token;
    }

    private static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        Matcher m = ANGLE_ID.matcher(value);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            for (String token : value.split("[\\s,]+")) {
                if (token.contains("@")) {
                    ids.add(token);
                }
            }
        }
        return ids.size() > MAX_REFERENCES ? ids.subList(ids.size() - MAX_REFERENCES, ids.size()) : ids;
    }

    private static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Date date = new MailDateFormat().parse(value.strip());
            return date == null ? null : date.toInstant();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, List<String>> headerMap(Enumeration<Header> all) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = 0;
        for (Header header : Collections.list(all)) {
            if (++count > MAX_HEADERS) {
                break;
            }
            String name = header.getName() == null ? "" : header.getName().strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.length() > 200) {
                continue;
            }
            String value = header.getValue() == null ? "" : MimeUtility.unfold(header.getValue()).strip();
            if (value.length() > MAX_HEADER_CHARS) {
                value = value.substring(0, MAX_HEADER_CHARS);
            }
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    // ---------------------------------------------------------------- unreadable mails

    /** What can be read from bytes that were not parsed as MIME: the header block, then the rest as text. */
    private ParsedMail fallback(byte[] raw, String problem) {
        List<String> problems = new ArrayList<>();
        problems.add(problem);
        int headEnd = headerEnd(raw, Math.min(raw.length, FALLBACK_HEAD_BYTES));
        boolean headCut = false;
        if (headEnd < 0) {
            // no end of the header block in reach: read the complete header lines in reach, no body
            for (int i = Math.min(raw.length, FALLBACK_HEAD_BYTES) - 1; i > 0 && headEnd < 0; i--) {
                if (raw[i] == '\n') {
                    headEnd = i + 1;
                }
            }
            headCut = true;
        }
        // bounded work for a header bomb: the first MAX_HEADERS lines are enough to find the useful headers
        int lines = 0;
        for (int i = 0; i < headEnd; i++) {
            if (raw[i] == '\n' && ++lines == MAX_HEADERS) {
                headEnd = i + 1;
                headCut = true;
                break;
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (headEnd > 0) {
            try {
                headers = headerMap(new InternetHeaders(new ByteArrayInputStream(raw, 0, headEnd), true)
                        .getAllHeaders());
                if (headers.keySet().stream().noneMatch(MAIL_HEADERS::contains)) {
                    headers = new LinkedHashMap<>();
                }
            } catch (MessagingException | RuntimeException e) {
                headers = new LinkedHashMap<>();
            }
        }
        int bodyStart = headers.isEmpty() ? 0 : headCut ? raw.length : headEnd;
        int bodyLength = (int) Math.min(raw.length - bodyStart, (long) limits.maxTextChars() * 2);
        String body = "";
        if (bodyLength > 0) {
            byte[] bytes = Arrays.copyOfRange(raw, bodyStart, bodyStart + bodyLength);
            body = binary(bytes) ? "" : TextDecoding.stripControls(TextDecoding.decodeText(bytes, null)).strip();
            if (body.length() > limits.maxTextChars()) {
                body = body.substring(0, limits.maxTextChars());
            }
            if (binary(bytes)) {
                problems.add("content is binary, not text");
            }
        }
        Fields fields = fields(headers);
        problems.addAll(fields.problems);
        String topType = baseType(first(headers, "content-type"));
        LoopSignals loop = LoopDetector.detect(headers, topType, false, fields.fromAddress, fields.returnPath);
        MailText view = new MailText(headers, fields.fromAddress, fields.fromName, fields.subject, body, topType, false);
        return new ParsedMail(fields.messageId, fields.fromAddress, fields.fromName, fields.replyTo,
                fields.returnPath, fields.to, fields.cc, fields.subject, fields.sentAt, fields.inReplyTo,
                fields.references, fields.threadIndex, fields.threadTopic, body, null, List.of(), loop, view,
                false, problems);
    }

    private static ParsedMail minimal(String problem) {
        return new ParsedMail(null, "", "", "", "", List.of(), List.of(), "", null, null, List.of(), null, null,
                "", null, List.of(), LoopSignals.none(), new MailText(Map.of(), "", "", "", "", "", false), false,
                List.of(problem));
    }

    /** Why the header block is too big to be parsed (jakarta.mail keeps every header), or null. */
    private static String headerBlockProblem(byte[] raw) {
        int scan = Math.min(raw.length, MAX_HEADER_BLOCK_BYTES + 1);
        int end = headerEnd(raw, scan);
        if (end < 0) {
            return "header block larger than " + MAX_HEADER_BLOCK_BYTES + " bytes: not parsed as MIME";
        }
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (raw[i] == '\n' && ++lines > MAX_HEADER_LINES) {
                return "more than " + MAX_HEADER_LINES + " header lines: not parsed as MIME";
            }
        }
        return null;
    }

    /** Lines starting with "--" followed by something else than '-' (what MIME boundaries look like). */
    private static long boundaryLines(byte[] raw) {
        long count = 0;
        for (int i = 0; i + 2 < raw.length; i++) {
            if ((i == 0 || raw[i - 1] == '\n') && raw[i] == '-' && raw[i + 1] == '-' && raw[i + 2] != '-') {
                count++;
            }
        }
        return count;
    }

    /** Offset of the body: just after the first empty line (LF or CRLF), or -1 when there is none. */
    private static int headerEnd(byte[] raw, int limit) {
        for (int i = 0; i < limit - 1; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i + 2;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < limit && raw[i + 2] == '\n') {
                return i + 3;
            }
        }
        return limit == raw.length ? raw.length : -1;
    }

    /** More than 5 % of control bytes (NUL and the like, not tab or line ends) in the first 8 KiB. */
    private static boolean binary(byte[] bytes) {
        int n = Math.min(bytes.length, 8192);
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0c && b != 0x1b) {
                controls++;
            }
        }
        return n > 0 && controls * 20 > n;
    }

    private String bodyAsText(byte[] raw) {
        int start = headerEnd(raw, Math.min(raw.length, FALLBACK_HEAD_BYTES));
        if (start < 0 || start >= raw.length) {
            return "";
        }
        int length = (int) Math.min(raw.length - start, (long) limits.maxTextChars() * 2);
        byte[] bytes = Arrays.copyOfRange(raw, start, start + length);
        return binary(bytes) ? "" : TextDecoding.decodeText(bytes, null);
    }

    private static List<String> mergeProblems(List<String> first, Set<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage() == null ? null
                : TextDecoding.stripControls(e.getMessage().replaceAll("\\s+", " "));
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static Map<String, String> labels() {
        Properties properties = new Properties();
        try (InputStream in = MimeMailIntake.class.getResourceAsStream("labels.properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("forward.separator", properties.getProperty("forward.separator", "----------"));
        labels.put("forward.from", properties.getProperty("forward.from", "From:"));
        labels.put("forward.date", properties.getProperty("forward.date", "Date:"));
        labels.put("forward.subject", properties.getProperty("forward.subject", "Subject:"));
        labels.put("attachment.fallback", properties.getProperty("attachment.fallback", "attachment"));
        return Map.copyOf(labels);
    }
}
