package fr.relais.mail.classify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A mail reduced to what the classifier reads: the headers (names in lower case, values decoded), the
 * sender, the subject and the text of the body (decoded, HTML turned into text, forwarded mails
 * included, quoted history and signatures still present: {@link QuoteStripper} removes them).
 *
 * @param headers     header values by lower-case name, in order of appearance
 * @param fromAddress the sender's address in lower case, or "" when unknown
 * @param fromName    the sender's display name, or ""
 * @param subject     the decoded subject, or ""
 * @param body        the text of the body as the sender wrote it (may hold quotes and signatures)
 * @param contentType the top-level MIME type in lower case (e.g. {@code multipart/report}), or ""
 * @param readable    false when the MIME structure could not be parsed and the body is raw text
 */
public record MailText(Map<String, List<String>> headers, String fromAddress, String fromName, String subject,
                       String body, String contentType, boolean readable) {

    public MailText {
        headers = Map.copyOf(Objects.requireNonNull(headers));
        fromAddress = fromAddress == null ? "" : fromAddress.trim().toLowerCase(Locale.ROOT);
        fromName = fromName == null ? "" : fromName.trim();
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        contentType = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
    }

    /** A mail with only a sender, a subject and a body (tests, corpus). */
    public static MailText of(String from, String subject, String body) {
        return new MailText(Map.of(), from, "", subject, body, "text/plain", true);
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The domain of the sender's address in lower case, or "". */
    public String fromDomain() {
        int at = fromAddress.lastIndexOf('@');
        return at < 0 ? "" : fromAddress.substring(at + 1).replaceAll("[>\\s]", "");
    }
}
