package fr.relais.platform.security;

import fr.relais.platform.SettingException;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The administrator's user name and password, with whether the password was generated at this start.
 * A generated password is printed once in the start report and never stored.
 */
public record AdminAccount(String user, String password, boolean generated) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The configured account; a missing password is generated in demo mode and refused otherwise. */
    public static AdminAccount from(SecurityProperties properties, boolean demo) {
        String configured = properties.adminPassword();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 12) {
                throw new SettingException("relais.security.admin-password", "is too short",
                        "a password of at least 12 characters");
            }
            return new AdminAccount(properties.adminUser(), configured, false);
        }
        if (!demo) {
            throw new SettingException("relais.security.admin-password", "is required outside demo mode",
                    "the password of the '" + properties.adminUser() + "' account (at least 12 characters), from the environment");
        }
        return new AdminAccount(properties.adminUser(), generatePassword(), true);
    }

    static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "AdminAccount[user=" + user + ", generated=" + generated + "]";
    }
}
