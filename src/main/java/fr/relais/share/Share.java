package fr.relais.share;

import fr.relais.platform.SettingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The network share's root folder, created in demo mode and checked at start. */
public class Share {

    private final Path root;

    public Share(ShareProperties properties) {
        this.root = Path.of(properties.root()).toAbsolutePath().normalize();
        if (properties.create()) {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new SettingException("relais.share.root", "cannot create " + root + " (" + e.getMessage() + ")",
                        "a folder the hub can create and write");
            }
        } else if (!Files.isDirectory(root)) {
            throw new SettingException("relais.share.root", root + " is not a folder",
                    "the folder where the network share is mounted");
        }
    }

    public Path root() {
        return root;
    }

    /** Writes and deletes a probe file: the share is there and writable. */
    public void checkWritable() throws IOException {
        Path probe = Files.createTempFile(root, ".relais-health-", ".tmp");
        Files.delete(probe);
    }
}
