package fr.relais.mail.outbound;

import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.transport.Mailbox;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Tests only: gives the hub an SMTP {@link Mailbox} while no real one exists (before the mail pipeline's
 * IMAP/SMTP Mailbox is merged). An auto-configuration, so that it steps aside for any Mailbox bean of the
 * application, and so that the shared test hub keeps one context.
 */
@AutoConfiguration
public class TestMailboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Mailbox.class)
    SmtpTestMailbox smtpTestMailbox(MailProperties properties, MailAccount account) {
        return new SmtpTestMailbox(properties, account);
    }
}
