package fr.relais.mail.imap;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the IMAP transport (see connectors/mail.yaml).
 *
 * @param enabled             poll the shared mailbox (false when the transport is Graph)
 * @param protocol            imap, or imaps with TLS
 * @param folder              the folder read for new mail
 * @param pollDelay           ms between two polls
 * @param maxMessagesPerPoll  mails taken per poll at most
 */
@Validated
@ConfigurationProperties("relais.mail.imap")
public record ImapSettings(boolean enabled, @NotBlank String protocol, @NotBlank String folder, @Min(50) long pollDelay,
                           @Min(1) int maxMessagesPerPoll) {
}
