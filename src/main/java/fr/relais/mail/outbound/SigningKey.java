package fr.relais.mail.outbound;

import fr.relais.platform.SettingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs the hub's Message-IDs ({@code relais.mail.signing-key}, env RELAIS_MAIL_SIGNING_KEY).
 * Outside demo mode it is required. In demo mode, when none is given, one is generated once and kept in the
 * data folder, so that replies to mails sent before a restart are still recognised.
 */
public record SigningKey(byte[] secret, boolean generated) {

    public static final String SETTING = "relais.mail.signing-key";
    static final String FILE_NAME = "mail-signing.key";
    static final int MIN_LENGTH = 16;

    public static SigningKey resolve(String configured, boolean demo, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_LENGTH) {
                throw new SettingException(SETTING, "is too short (" + configured.strip().length() + " characters)",
                        "a random secret of at least " + MIN_LENGTH + " characters, e.g. from `openssl rand -base64 32`");
            }
            return new SigningKey(configured.strip().getBytes(StandardCharsets.UTF_8), false);
        }
        if (!demo) {
            throw new SettingException(SETTING, "is required outside demo mode (relais.demo=false)",
                    "a random secret of at least " + MIN_LENGTH + " characters from the environment, e.g. `openssl rand -base64 32`;"
                            + " it signs the Message-IDs of the mails the hub sends, keep it across restarts");
        }
        return new SigningKey(kept(dataDir.resolve(FILE_NAME)).getBytes(StandardCharsets.UTF_8), true);
    }

    private static String kept(Path file) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (key.length() >= MIN_LENGTH) {
                    return key;
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply
            }
            Files.writeString(temp, key + System.lineSeparator(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo signing key in " + file, e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[generated=" + generated + "]";
    }
}
