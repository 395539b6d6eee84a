package fr.relais.mail.thread;

/**
 * The ticket a mail belongs to and the rule that found it.
 *
 * @param rule one of {@code reference}, {@code in-reply-to}, {@code references}, {@code thread-index},
 *             {@code sender-subject}
 */
public record ThreadMatch(TicketThread ticket, String rule, String evidence) {
}
