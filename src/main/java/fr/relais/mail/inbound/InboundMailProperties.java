package fr.relais.mail.inbound;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the mail pipeline after the transport (see connectors/mail.yaml).
 *
 * @param queue             the queue of stored mails waiting for processing
 * @param consumers         parallel consumers of that queue
 * @param requeueAfter      a mail still RECEIVED (or processed but not filed) this long after it was queued is
 *                          queued again (the hub died between the database commit and the queue)
 * @param threadWindow      a mail from the same sender with a similar subject joins an open ticket this recent
 * @param folders           mailbox folder per ticket category (NON_TICKET included); missing = stay in the inbox
 * @param urgentFolder      mailbox folder for urgent tickets, whatever their category
 * @param categoryPrefix    prefix of the Outlook categories (Graph), e.g. "Relais · "
 * @param doneCategory      the Outlook category Claire sets to resolve a ticket (Graph)
 * @param staffActor        the actor recorded for what Claire does from her mailbox
 * @param maxAttempts       tries of a mail (processing, filing; a try cut by a crash counts) before it ends FAILED;
 *                          0 = the tries of one delivery, 1 + relais.broker.max-redeliveries
 */
@Validated
@ConfigurationProperties("relais.mail.inbound")
public record InboundMailProperties(
        @NotBlank String queue,
        @Min(1) int consumers,
        Duration requeueAfter,
        Duration threadWindow,
        Map<String, String> folders,
        String urgentFolder,
        String categoryPrefix,
        String doneCategory,
        String staffActor,
        @Min(0) int maxAttempts) {

    public InboundMailProperties {
        requeueAfter = requeueAfter == null ? Duration.ofMinutes(1) : requeueAfter;
        threadWindow = threadWindow == null ? Duration.ofHours(48) : threadWindow;
        folders = folders == null ? Map.of() : Map.copyOf(folders);
        categoryPrefix = categoryPrefix == null ? "Relais · " : categoryPrefix;
        doneCategory = doneCategory == null ? "Relais · Traité" : doneCategory;
        staffActor = staffActor == null || staffActor.isBlank() ? "claire" : staffActor;
    }
}
