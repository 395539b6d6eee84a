package fr.relais.mail;

import fr.relais.platform.SettingException;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Login of the shared mailbox. With the embedded demo server and no password given, one is generated at
 * start and printed once in the start report; a real server needs RELAIS_MAIL_PASSWORD.
 */
public record MailAccount(String username, String password, boolean generated) {

    public static MailAccount from(MailProperties properties) {
        String configured = properties.password();
        if (configured != null && !configured.isBlank()) {
            return new MailAccount(properties.username(), configured, false);
        }
        if (!properties.embedded()) {
            throw new SettingException("relais.mail.password", "is required with a real mail server (relais.mail.embedded=false)",
                    "the password of the mailbox " + properties.username() + ", from the environment");
        }
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return new MailAccount(properties.username(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    @Override
    public String toString() {
        return "MailAccount[username=" + username + ", generated=" + generated + "]";
    }
}
