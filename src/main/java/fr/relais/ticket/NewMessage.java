package fr.relais.ticket;

import java.time.Instant;

/** A message to add to a ticket; {@code at} is when it was sent or received (now when null). */
public record NewMessage(MessageDirection direction, MessageChannel channel, String from, String to,
                         String subject, String bodyText, String bodyHtmlSanitized, String externalMessageId,
                         String hubMessageId, Instant at, String rawSourceRef) {

    /** A mail received from a customer. */
    public static NewMessage inboundMail(String from, String to, String subject, String bodyText,
                                         String externalMessageId, Instant receivedAt) {
        return new NewMessage(MessageDirection.IN, MessageChannel.MAIL, from, to, subject, bodyText, null,
                externalMessageId, null, receivedAt, null);
    }

    /** A mail sent by the hub, carrying its own Message-ID. */
    public static NewMessage outboundMail(String from, String to, String subject, String bodyText,
                                          String hubMessageId, Instant sentAt) {
        return new NewMessage(MessageDirection.OUT, MessageChannel.MAIL, from, to, subject, bodyText, null,
                null, hubMessageId, sentAt, null);
    }

    public NewMessage withHtml(String sanitizedHtml) {
        return new NewMessage(direction, channel, from, to, subject, bodyText, sanitizedHtml, externalMessageId,
                hubMessageId, at, rawSourceRef);
    }

    public NewMessage withRawSourceRef(String ref) {
        return new NewMessage(direction, channel, from, to, subject, bodyText, bodyHtmlSanitized, externalMessageId,
                hubMessageId, at, ref);
    }
}
