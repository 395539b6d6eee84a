package fr.relais.mail;

import fr.relais.mail.imap.ImapUidMarks;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Properties;

@Configuration(proxyBeanMethods = false)
public class MailConfig {

    @Bean
    MailAccount mailAccount(MailProperties properties) {
        return MailAccount.from(properties);
    }

    /** Where the IMAP poller resumes (table imap_uid_mark). */
    @Bean
    ImapUidMarks imapUidMarks(DataSource dataSource) {
        return new ImapUidMarks.Jdbc(dataSource, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "relais.mail.embedded", havingValue = "true")
    EmbeddedMailServer embeddedMailServer(MailProperties properties, MailAccount account) {
        return new EmbeddedMailServer(properties, account);
    }

    /**
     * {@code mail} in /actuator/health: the shared mailbox accepts an IMAP login. Only with the IMAP transport:
     * with Graph the mailbox's health is {@code outlook}, and there may be no IMAP server at all.
     */
    @Bean
    @ConditionalOnProperty(name = "relais.mail.transport", havingValue = "imap", matchIfMissing = true)
    HealthIndicator mailHealthIndicator(MailProperties properties, MailAccount account) {
        return new AbstractHealthIndicator("mail health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                String protocol = properties.secure() ? "imaps" : "imap";
                builder.withDetail("imap", properties.host() + ":" + properties.imapPort())
                        .withDetail("mailbox", properties.serviceAddress())
                        .withDetail("embedded", properties.embedded());
                Properties session = new Properties();
                String timeout = String.valueOf(properties.connectTimeout());
                session.put("mail." + protocol + ".connectiontimeout", timeout);
                session.put("mail." + protocol + ".timeout", timeout);
                Store store = Session.getInstance(session).getStore(protocol);
                try {
                    store.connect(properties.host(), properties.imapPort(), account.username(), account.password());
                } finally {
                    store.close();
                }
                builder.up();
            }
        };
    }
}
