package fr.relais.customer.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.CharBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops an import file into a folder the other system reads, so that it never sees half a file and never loses
 * one: the content is written to a hidden {@code .tmp} file in the same folder, flushed to disk, then renamed
 * (atomically where the file system can) to a unique name; an existing file is never overwritten.
 */
public final class ImportFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path folder;
    private final String prefix;
    private final String extension;
    private final Clock clock;

    public ImportFiles(Path folder, String prefix, String extension, Clock clock) {
        this.folder = folder;
        this.prefix = prefix;
        this.extension = extension.startsWith(".") ? extension.substring(1) : extension;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    /** The encoded bytes of a text, or a {@link CharacterCodingException} naming what cannot be encoded. */
    public static byte[] encode(String text, Charset charset) throws CharacterCodingException {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var buffer = encoder.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Writes one file and answers its final path.
     *
     * @param tag a short readable part of the name (e.g. the account number); anything but A-Z, a-z, 0-9, - and _ is dropped
     */
    public Path write(String tag, byte[] content) throws IOException {
        Files.createDirectories(folder);
        String safeTag = tag == null ? "" : tag.replaceAll("[^A-Za-z0-9_-]", "");
        String base = prefix + "-" + LocalDateTime.now(clock).format(STAMP) + "-" + COUNTER.incrementAndGet()
                + (safeTag.isEmpty() ? "" : "-" + safeTag);
        Path tmp = folder.resolve("." + base + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC)) {
            out.write(content);
        }
        try {
            for (int n = 0; ; n++) {
                Path target = folder.resolve(base + (n == 0 ? "" : "-" + n) + "." + extension);
                if (Files.exists(target)) {
                    continue;
                }
                try {
                    moveWithoutReplacing(tmp, target);
                    return target;
                } catch (FileAlreadyExistsException e) {
                    // someone took that name between the check and the move: next name
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void moveWithoutReplacing(Path source, Path target) throws IOException {
        try {
            // ATOMIC_MOVE may replace an existing file on some systems: link first, which never replaces
            Files.createLink(target, source);
            Files.delete(source);
        } catch (UnsupportedOperationException | AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(source, target); // no REPLACE_EXISTING: fails rather than overwrite
        }
    }
}
