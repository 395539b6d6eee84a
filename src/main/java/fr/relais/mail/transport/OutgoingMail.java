package fr.relais.mail.transport;

import java.util.List;
import java.util.Map;

/**
 * A mail the hub sends (acknowledgement to a customer, notification to Claire).
 *
 * @param from       sender address
 * @param to         recipients
 * @param subject    subject
 * @param text       plain text body
 * @param html       HTML body, or null
 * @param messageId  the hub's own Message-ID (without brackets), carrying the ticket and a signature
 * @param inReplyTo  the Message-ID this mail answers, or null
 * @param references the thread's Message-IDs
 * @param headers    extra headers (e.g. Auto-Submitted: auto-replied)
 */
public record OutgoingMail(String from, List<String> to, String subject, String text, String html, String messageId,
                           String inReplyTo, List<String> references, Map<String, String> headers) {

    public OutgoingMail {
        to = List.copyOf(to);
        references = List.copyOf(references);
        headers = Map.copyOf(headers);
    }
}
