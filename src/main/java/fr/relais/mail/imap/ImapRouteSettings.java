package fr.relais.mail.imap;

import fr.relais.mail.MailAccount;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Gives the route mail-imap the shared mailbox's password as the placeholder {@code relais.mail.imap.password}:
 * the password may be generated at start (demo) and so cannot be written in a file. Kept in memory only.
 */
@Component
public class ImapRouteSettings {

    static final String SOURCE = "relais-mail-account";

    public ImapRouteSettings(ConfigurableEnvironment environment, MailAccount account) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of("relais.mail.imap.password", account.password())));
    }
}
