package fr.relais.mail.transport;

import java.util.List;

/**
 * What the hub does to the original mail in the shared mailbox so that Claire sees it classified.
 *
 * @param categories Outlook categories to set (Graph), e.g. "Relais · SAV"
 * @param folder     the folder to move the mail to, or null to leave it where it is
 * @param flagged    true to flag the mail (urgent)
 */
public record MailboxActions(List<String> categories, String folder, boolean flagged) {

    public MailboxActions {
        categories = List.copyOf(categories);
    }
}
