package fr.relais.mail.outbound;

import fr.relais.erp.ErpProperties;
import fr.relais.mail.MailProperties;
import fr.relais.platform.RelaisProperties;
import fr.relais.ticket.TicketService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/** The beans of the mails the hub sends: signed Message-IDs, the outbox and what it writes with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundConfig {

    @Bean
    SigningKey mailSigningKey(@Value("${" + SigningKey.SETTING + ":}") String configured, RelaisProperties relais) {
        return SigningKey.resolve(configured, relais.demo(), Path.of(relais.dataDir()));
    }

    @Bean
    HubMessageIds hubMessageIds(SigningKey mailSigningKey, MailProperties mail) {
        return new SignedHubMessageIds(mailSigningKey, mail.serviceAddress());
    }

    @Bean
    OutboundMailStore outboundMailStore(DataSource dataSource) {
        return new OutboundMailStore(new JdbcTemplate(dataSource));
    }

    @Bean
    OutboundLetters outboundLetters(OutboundProperties settings, DataSource dataSource, ErpProperties erp,
                                    @Qualifier("erpDataSource") ObjectProvider<DataSource> erpDataSource,
                                    TicketService tickets) {
        CustomerCards cards = new CustomerCards(new JdbcTemplate(dataSource), erpDataSource.getIfAvailable(), erp,
                settings.getOpenJobStatuses(), settings.getRecentTickets(), settings.getErpTimeout());
        return new OutboundLetters(new MailTemplates(), settings, OfficeHours.of(settings),
                ticketId -> tickets.findById(ticketId)
                        .filter(t -> t.customerId() != null)
                        .map(t -> cards.card(t.customerId(), t.id()))
                        .orElse(null));
    }

    @Bean
    OutboxDelivery outboxDelivery(OutboundMailStore outboundMailStore, ObjectProvider<fr.relais.mail.transport.Mailbox> mailbox,
                                  MailProperties mail, OutboundProperties settings, TicketService tickets) {
        return new OutboxDelivery(outboundMailStore, mailbox, mail.serviceAddress(), settings, Clock.systemUTC(),
                ticketId -> tickets.findById(ticketId).map(fr.relais.ticket.Ticket::reference).orElse("#" + ticketId));
    }

    @Bean
    Outbox outbox(OutboundMailStore outboundMailStore, TicketService tickets, OutboundLetters outboundLetters,
                  HubMessageIds hubMessageIds, MailProperties mail, OutboundProperties settings) {
        var own = new java.util.ArrayList<>(settings.getOwnAddresses());
        own.add(mail.username());
        return new JdbcOutbox(outboundMailStore, tickets::findById, outboundLetters, hubMessageIds,
                mail.serviceAddress(), mail.assistantAddress(), own, settings, Clock.systemUTC());
    }
}
