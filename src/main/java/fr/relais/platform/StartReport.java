package fr.relais.platform;

import fr.relais.broker.BrokerProperties;
import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.platform.security.AdminAccount;
import fr.relais.share.Share;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/**
 * Says once, when the hub is ready, where everything is: URLs, ports, folders, the account to log in
 * with (and its password when it was generated at this start).
 */
@Component
public class StartReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartReport.class);

    private final Environment env;
    private final RelaisProperties relais;
    private final AdminAccount admin;
    private final BrokerProperties broker;
    private final MailProperties mail;
    private final MailAccount mailAccount;
    private final Share share;
    private final CamelContext camel;

    public StartReport(Environment env, RelaisProperties relais, AdminAccount admin, BrokerProperties broker,
                       MailProperties mail, MailAccount mailAccount, Share share, CamelContext camel) {
        this.env = env;
        this.relais = relais;
        this.admin = admin;
        this.broker = broker;
        this.mail = mail;
        this.mailAccount = mailAccount;
        this.share = share;
        this.camel = camel;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        LOG.info("{}", text(event.getTimeTaken()));
    }

    String text(Duration started) {
        String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String nl = System.lineSeparator();
        StringBuilder s = new StringBuilder(nl);
        s.append("==================================================================").append(nl);
        s.append(" Relais is ready (").append(started.toMillis()).append(" ms)")
                .append(relais.demo() ? " — DEMO MODE: embedded servers and demo data" : "").append(nl);
        s.append("  Hawtio (routes)   ").append(base).append("/actuator/hawtio/").append(nl);
        s.append("  Health            ").append(base).append("/actuator/health").append(nl);
        s.append("  Metrics           ").append(base).append("/actuator/prometheus (login required)").append(nl);
        s.append("  Jolokia           ").append(base).append("/actuator/jolokia (login required)").append(nl);
        s.append("  Tickets API       ").append(base).append("/api/tickets").append(nl);
        s.append("  Mails API         ").append(base).append("/api/mails (every inbound mail and what it became)").append(nl);
        s.append("  Outbox            ").append(base).append("/api/outbox (mails the hub could not send)").append(nl);
        s.append("  Dead letters      ").append(base).append("/api/dead-letters").append(nl);
        s.append("  Login             user '").append(admin.user()).append("', password ")
                .append(admin.generated()
                        ? "'" + admin.password() + "' (generated for this start; set RELAIS_SECURITY_ADMIN_PASSWORD to choose one)"
                        : "from relais.security.admin-password")
                .append(nl);
        s.append("  Hub store         ").append(env.getProperty("spring.datasource.url")).append(nl);
        s.append("  Broker            ").append(broker.embedded()
                ? "embedded Artemis, journal " + abs(broker.journalDir())
                + (broker.acceptorPort() > 0 ? ", tcp://127.0.0.1:" + broker.acceptorPort() : "")
                : "Artemis at " + broker.url()).append(", dead letters in ").append(broker.deadLetterQueue()).append(nl);
        s.append("  ERP database      ").append(env.getProperty("relais.erp.url", "(not configured)"))
                .append(env.getProperty("relais.erp.simulated", Boolean.class, false) ? " (simulated, demo data)" : "").append(nl);
        s.append("  Sage database     ").append(env.getProperty("relais.sage.url", "(not configured)"))
                .append(env.getProperty("relais.sage.simulated", Boolean.class, false) ? " (simulated, demo data)" : "").append(nl);
        s.append("  Mail              ").append(mail.embedded() ? "embedded server, " : "")
                .append("SMTP ").append(mail.host()).append(':').append(mail.smtpPort())
                .append(", IMAP ").append(mail.host()).append(':').append(mail.imapPort()).append(nl);
        s.append("                    shared mailbox ").append(mail.serviceAddress())
                .append(", Claire ").append(mail.assistantAddress());
        if (mailAccount.generated()) {
            s.append(", password '").append(mailAccount.password()).append("' (generated; RELAIS_MAIL_PASSWORD)");
        }
        s.append(nl);
        s.append("  Share             ").append(share.root()).append(nl);
        List<String> startedRoutes = camel.getRoutes().stream().map(r -> r.getRouteId())
                .filter(id -> camel.getRouteController().getRouteStatus(id).isStarted()).sorted().toList();
        List<String> stopped = camel.getRoutes().stream().map(r -> r.getRouteId())
                .filter(id -> !startedRoutes.contains(id)).sorted().toList();
        s.append("  Routes            ").append(startedRoutes.size()).append(" started: ").append(String.join(", ", startedRoutes));
        if (!stopped.isEmpty()) {
            s.append("; not started (by configuration): ").append(String.join(", ", stopped));
        }
        s.append(nl);
        s.append("==================================================================");
        return s.toString();
    }

    private static String abs(String folder) {
        return Path.of(folder).toAbsolutePath().normalize().toString();
    }
}
