package fr.relais.mail.intake;

import fr.relais.mail.classify.MailText;

import java.time.Instant;
import java.util.List;

/**
 * A raw inbound mail turned into what the mail flow needs (contract between the parser and the pipeline).
 *
 * @param messageId         the Message-ID without angle brackets, or null when the mail has none
 * @param fromAddress       the sender's address in lower case, or "" when unknown
 * @param fromName          the sender's display name, or ""
 * @param replyTo           the Reply-To address in lower case, or "" (acknowledgements go there when set)
 * @param returnPath        the Return-Path as found ("" when absent, "<>" for a null return path)
 * @param to                recipients' addresses in lower case
 * @param cc                copy recipients' addresses in lower case
 * @param subject           the decoded subject (RFC 2047), or ""
 * @param sentAt            the Date header, or null when absent or unreadable
 * @param inReplyTo         the In-Reply-To Message-ID without brackets, or null
 * @param references        the References Message-IDs without brackets, oldest first
 * @param threadIndex       Outlook's Thread-Index (base64), or null
 * @param threadTopic       Outlook's Thread-Topic, or null
 * @param bodyText          the text of the body (HTML turned into text), quotes and signature included
 * @param bodyHtmlSanitized the HTML body made safe to display, or null when the mail has no HTML part
 * @param attachments       the attachments (TNEF winmail.dat unpacked), each with a safe file name
 * @param loop              what the headers say about auto-replies, bounces and bulk mail
 * @param classifierView    the same mail as the classifier reads it
 * @param readable          false when the MIME structure could not be parsed (the raw source must then be kept)
 * @param problems          what went wrong or was cut while parsing (empty for a clean mail)
 */
public record ParsedMail(String messageId, String fromAddress, String fromName, String replyTo, String returnPath,
                         List<String> to, List<String> cc, String subject, Instant sentAt,
                         String inReplyTo, List<String> references, String threadIndex, String threadTopic,
                         String bodyText, String bodyHtmlSanitized, List<ParsedAttachment> attachments,
                         LoopSignals loop, MailText classifierView, boolean readable, List<String> problems) {

    public ParsedMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        problems = List.copyOf(problems);
    }

    /**
     * The Message-IDs this mail answers, the closest first: In-Reply-To, then References newest first, each once.
     */
    public List<String> answered() {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        if (inReplyTo != null) {
            ids.add(inReplyTo);
        }
        for (int i = references.size() - 1; i >= 0; i--) {
            ids.add(references.get(i));
        }
        return List.copyOf(ids);
    }
}
