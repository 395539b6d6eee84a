package fr.relais.mail.inbound;

import fr.relais.mail.classify.MailParser;
import fr.relais.mail.classify.MailText;
import fr.relais.mail.intake.LoopSignals;
import fr.relais.mail.intake.MailIntake;
import fr.relais.mail.intake.ParsedAttachment;
import fr.relais.mail.intake.ParsedMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A minimal {@link MailIntake} for when no other is in the application (the full one, MimeMailIntake, lives
 * in fr.relais.mail.intake): the classifier's {@link MailParser} for the text, jakarta.mail for the thread
 * headers and the attachments, crude loop signals. Never throws.
 */
final class BasicMailIntake implements MailIntake {

    private static final int MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
    private final MailParser parser = new MailParser();
    private final Session session;

    BasicMailIntake() {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        this.session = Session.getInstance(props);
    }

    @Override
    public ParsedMail parse(byte[] raw) {
        MailText text = parser.parse(raw);
        List<String> problems = new ArrayList<>();
        List<ParsedAttachment> attachments = new ArrayList<>();
        String messageId = null;
        String inReplyTo = null;
        List<String> references = List.of();
        String threadIndex = null;
        String threadTopic = null;
        Instant sentAt = null;
        List<String> to = List.of();
        String replyTo = "";
        boolean readable = text.readable();
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            messageId = MessageIdSniffer.clean(message.getHeader("Message-ID", null));
            inReplyTo = MessageIdSniffer.clean(message.getHeader("In-Reply-To", null));
            String refs = message.getHeader("References", " ");
            if (refs != null) {
                references = Arrays.stream(refs.split("[\\s,]+")).map(MessageIdSniffer::clean)
                        .filter(s -> s != null && !s.isEmpty()).toList();
            }
            threadIndex = message.getHeader("Thread-Index", null);
            threadTopic = message.getHeader("Thread-Topic", null);
            try {
                sentAt = message.getSentDate() == null ? null : message.getSentDate().toInstant();
            } catch (Exception e) {
                problems.add("date: " + e.getMessage());
            }
            to = addresses(message.getHeader("To", ","));
            List<String> rt = addresses(message.getHeader("Reply-To", ","));
            replyTo = rt.isEmpty() ? "" : rt.get(0);
            if (readable) {
                collect(message, 0, attachments);
            }
        } catch (Exception e) {
            readable = false;
            problems.add("mime: " + e.getMessage());
        }
        if (!readable && problems.isEmpty()) {
            problems.add("the MIME structure could not be parsed");
        }
        String rp = text.header("return-path");
        String returnPath = rp == null ? "" : rp.strip();
        return new ParsedMail(messageId, text.fromAddress(), text.fromName(), replyTo, returnPath, to, List.of(),
                text.subject(), sentAt, inReplyTo, references, threadIndex, threadTopic, text.body(), null, attachments,
                loop(text, returnPath), text, readable, problems);
    }

    private static LoopSignals loop(MailText text, String returnPath) {
        List<String> reasons = new ArrayList<>();
        String auto = text.header("auto-submitted");
        boolean autoReply = (auto != null && !auto.strip().equalsIgnoreCase("no"))
                || text.header("x-autoreply") != null || text.header("x-autorespond") != null;
        if (autoReply) {
            reasons.add("Auto-Submitted/X-Autoreply");
        }
        boolean bounce = text.contentType().equals("multipart/report") || returnPath.equals("<>");
        if (bounce) {
            reasons.add("multipart/report or null return path");
        }
        String precedence = text.header("precedence");
        boolean bulk = text.header("list-id") != null || text.header("list-unsubscribe") != null
                || (precedence != null && precedence.toLowerCase(Locale.ROOT).matches(".*(bulk|list|junk).*"));
        if (bulk) {
            reasons.add("List-Id/List-Unsubscribe/Precedence");
        }
        return new LoopSignals(autoReply, bounce, bulk, reasons);
    }

    private static List<String> addresses(String header) {
        if (header == null) {
            return List.of();
        }
        try {
            return Arrays.stream(InternetAddress.parseHeader(header, false))
                    .map(a -> a.getAddress() == null ? "" : a.getAddress().toLowerCase(Locale.ROOT))
                    .filter(a -> !a.isEmpty()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void collect(Part part, int depth, List<ParsedAttachment> out) throws Exception {
        if (depth > 8 || out.size() > 100) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child, depth + 1, out);
                }
            }
            return;
        }
        String disposition = part.getDisposition();
        String fileName = null;
        try {
            fileName = part.getFileName();
            fileName = fileName == null ? null : MimeUtility.decodeText(fileName);
        } catch (Exception ignored) {
            // keep the raw name
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment || part.isMimeType("text/plain") && fileName == null) {
            return;
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readNBytes(MAX_ATTACHMENT_BYTES);
        }
        String type = part.getContentType() == null ? "application/octet-stream"
                : part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        String original = fileName == null ? "" : fileName;
        out.add(new ParsedAttachment(original, SafeNames.safe(original, out.size() + 1), type, content,
                Part.INLINE.equalsIgnoreCase(disposition), false));
    }
}
