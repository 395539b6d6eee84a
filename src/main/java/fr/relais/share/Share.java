package fr.relais.share;

import java.io.IOException;
import java.io.UncheckedIOException;
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
                throw new UncheckedIOException("relais.share.root: cannot create " + root + ": " + e.getMessage(), e);
            }
        } else if (!Files.isDirectory(root)) {
            throw new IllegalStateException("relais.share.root (RELAIS_SHARE_ROOT): " + root
                    + " is not a folder; mount the share there or point the setting at it");
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
