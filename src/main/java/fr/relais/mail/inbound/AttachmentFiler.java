package fr.relais.mail.inbound;

import fr.relais.share.Share;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a ticket's attachments go on the share: {@code clients/<customer folder>/tickets/<REF>/} for a known
 * customer (the folder is the customer's ERP code, else its Sage code, else {@code customer-<id>}), else
 * {@code tickets/<REF>/}. Names come from the parser's safe name, de-duplicated ("devis (2).pdf"); the
 * resolved path is checked to stay under the share's root. Planned inside the ticket's transaction (the
 * metadata is stored there), written after the commit; writing is idempotent (an existing file is kept).
 */
@Component
public class AttachmentFiler {

    private final Path root;
    private final JdbcTemplate jdbc;

    public AttachmentFiler(Share share, DataSource dataSource) {
        this.root = share.root().toAbsolutePath().normalize();
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Path root() {
        return root;
    }

    /** A file to write on the share: its path relative to the share's root, and its content. */
    public record PlannedFile(String relativePath, String originalName, String contentType, byte[] content,
                              String sha256) {
    }

    /** One attachment to file: the safe name proposed by the parser and the content. */
    public record Item(String safeName, String originalName, String contentType, byte[] content) {
    }

    /**
     * Chooses the path of each item in the ticket's folder, avoiding names already taken there (on disk or by
     * paths already recorded on the ticket).
     */
    public List<PlannedFile> plan(String reference, Long customerId, List<Item> items, Collection<String> takenPaths) {
        String folder = folder(reference, customerId);
        Set<String> taken = new HashSet<>();
        takenPaths.forEach(p -> taken.add(p.toLowerCase(Locale.ROOT)));
        List<PlannedFile> planned = new ArrayList<>();
        int index = 0;
        for (Item item : items) {
            index++;
            String base = SafeNames.safe(item.safeName() == null || item.safeName().isBlank() ? item.originalName()
                    : item.safeName(), index);
            String name = base;
            for (int n = 2; taken.contains((folder + "/" + name).toLowerCase(Locale.ROOT))
                    || Files.exists(resolve(folder + "/" + name)); n++) {
                name = SafeNames.numbered(base, n);
            }
            String relative = folder + "/" + name;
            resolve(relative);
            taken.add(relative.toLowerCase(Locale.ROOT));
            planned.add(new PlannedFile(relative, item.originalName(), item.contentType(), item.content(),
                    DigestUtils.sha256Hex(item.content())));
        }
        return planned;
    }

    /** Writes the planned files that are not there yet (through a temporary file, then a move). */
    public void write(List<PlannedFile> files) {
        for (PlannedFile f : files) {
            Path target = resolve(f.relativePath());
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".relais-", ".part");
                Files.write(tmp, f.content());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot file " + f.relativePath() + " on the share: " + e.getMessage(), e);
            }
        }
    }

    /** The absolute path of a path relative to the share, refused when it would leave the share. */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("refused: " + relative + " is outside the share");
        }
        return p;
    }

    String folder(String reference, Long customerId) {
        String ref = SafeNames.safe(reference, 0);
        if (customerId == null) {
            return "tickets/" + ref;
        }
        List<String> codes = jdbc.queryForList("SELECT system_id FROM customer_link WHERE customer_id = ?"
                + " ORDER BY source_system", String.class, customerId);
        String code = codes.isEmpty() ? "customer-" + customerId : SafeNames.safe(codes.get(0), 0);
        return "clients/" + code + "/tickets/" + ref;
    }
}
