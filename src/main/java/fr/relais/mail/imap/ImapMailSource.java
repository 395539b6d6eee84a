package fr.relais.mail.imap;

import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.inbound.MessageIdSniffer;
import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.ReceivedMail;
import jakarta.mail.MessagingException;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The IMAP transport's reader, called by the route mail-imap at every tick: new mails of the watched folder are
 * fetched raw, byte for byte, and handed to {@link MailReceiver} (stored durably and queued); only then are they
 * marked \Seen. A failure leaves them unseen, fetched again at the next tick (the store is idempotent).
 * <ul>
 * <li>New = unseen, or with a UID above the highest this hub already took (so a mail someone opened before the
 * hub polled is not missed while the hub runs).</li>
 * <li>Everything by UID and in bulk: one UID SEARCH, one UID FETCH of the sizes, then the raw sources
 * ({@code BODY.PEEK[]}) of up to 16 MB of mails per command, one UID STORE for the \Seen flags. No envelope is
 * prefetched and no message sequence number is used (they shift while the pipeline moves mails away).</li>
 * <li>One connection, the folder kept open between ticks, reopened after a failure.</li>
 * </ul>
 * The source id is the Message-ID: the same mail delivered twice to the mailbox (To and Cc, a resend) is one
 * mail. A mail without a Message-ID gets {@code sha256:<hash of its raw bytes>}: stable for the same bytes,
 * which is what a re-fetch gives. (UIDs are not the id: they change when a mail is moved or when the server
 * resets UIDVALIDITY.)
 */
@Component("imapMailSource")
public class ImapMailSource implements DisposableBean {

    public static final String TRANSPORT = "imap";
    private static final Logger LOG = LoggerFactory.getLogger(ImapMailSource.class);
    private static final long FETCH_BYTES = 16L * 1024 * 1024;
    private static final int MAX_ROUNDS = 20;

    private final MailReceiver receiver;
    private final ImapSettings settings;
    private final ImapUids uids;
    private final ImapConnection connection;
    private final MessageIdSniffer sniffer = new MessageIdSniffer();
    private long uidValidity = -1;
    private long highestUid;

    public ImapMailSource(MailReceiver receiver, MailProperties properties, MailAccount account, ImapSettings settings,
                          ImapUids uids) {
        this.receiver = receiver;
        this.settings = settings;
        this.uids = uids;
        this.connection = new ImapConnection(properties, account, settings.protocol());
    }

    /**
     * Takes the new mails of the folder, by batches of relais.mail.imap.max-messages-per-poll, until none is left
     * (at most 20 batches per tick). Returns how many were new to the pipeline.
     */
    public synchronized int poll() throws MessagingException {
        int stored = 0;
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Batch batch = pollOnce(connection.folder(settings.folder()));
                stored += batch.stored();
                if (batch.taken() < settings.maxMessagesPerPoll()) {
                    break;
                }
            }
        } catch (MessagingException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return stored;
    }

    private record Batch(int taken, int stored) {
    }

    private Batch pollOnce(IMAPFolder folder) throws MessagingException {
        long validity = folder.getUIDValidity();
        if (validity != uidValidity) {
            uidValidity = validity;
            highestUid = 0;
        }
        TreeSet<Long> candidates = new TreeSet<>(ImapCommands.uidSearch(folder, "UNSEEN"));
        if (highestUid > 0) {
            ImapCommands.uidSearch(folder, "UID " + (highestUid + 1) + ":*").stream().filter(u -> u > highestUid)
                    .forEach(candidates::add);
        }
        List<Long> taken = candidates.stream().limit(settings.maxMessagesPerPoll()).toList();
        if (taken.isEmpty()) {
            return new Batch(0, 0);
        }
        Map<Long, Long> sizes = ImapCommands.sizes(folder, taken);
        List<Long> received = new ArrayList<>();
        int stored = 0;
        try {
            List<Long> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (long uid : taken) {
                long size = sizes.getOrDefault(uid, 0L);
                if (!chunk.isEmpty() && chunkBytes + size > FETCH_BYTES) {
                    stored += store(folder, chunk, received);
                    chunk.clear();
                    chunkBytes = 0;
                }
                chunk.add(uid);
                chunkBytes += size;
            }
            if (!chunk.isEmpty()) {
                stored += store(folder, chunk, received);
            }
        } finally {
            if (!received.isEmpty()) {
                ImapCommands.addFlags(folder, received, "(\\Seen)");
            }
        }
        return new Batch(taken.size(), stored);
    }

    /** Fetches the raw sources of the chunk in one command and hands each to the pipeline, in UID order. */
    private int store(IMAPFolder folder, List<Long> chunk, List<Long> received) throws MessagingException {
        Map<Long, byte[]> raws = ImapCommands.fetchRaw(folder, chunk);
        List<ReceivedMail> mails = new ArrayList<>();
        List<Long> fetched = new ArrayList<>();
        for (long uid : chunk) {
            byte[] raw = raws.get(uid);
            if (raw == null) {
                LOG.debug("mail UID {} left the folder before it was fetched", uid);
                continue;
            }
            String sourceId = sourceId(raw);
            uids.remember(sourceId, uidValidity, uid);
            mails.add(new ReceivedMail(TRANSPORT, sourceId, ReceivedMail.Direction.INBOUND, raw, Instant.now()));
            fetched.add(uid);
        }
        int stored = mails.isEmpty() ? 0 : receiver.receiveAll(mails);
        received.addAll(fetched);
        fetched.forEach(uid -> highestUid = Math.max(highestUid, uid));
        return stored;
    }

    /** The Message-ID, or a hash of the raw bytes when the mail has none. */
    public String sourceId(byte[] raw) {
        String id = sniffer.messageId(raw);
        return id != null ? id : hashId(raw);
    }

    public static String hashId(byte[] raw) {
        return "sha256:" + DigestUtils.sha256Hex(raw);
    }

    @Override
    public synchronized void destroy() {
        connection.close();
    }
}
