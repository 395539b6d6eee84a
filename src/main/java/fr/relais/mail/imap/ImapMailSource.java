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

/**
 * The IMAP transport's reader, called by the route mail-imap at every tick: new mails of the watched folder are
 * fetched raw, byte for byte, and handed to {@link MailReceiver} (stored durably and queued); only then does the
 * folder's mark move past them. A failure leaves the mark where it was: the mails are fetched again at the next
 * tick (the store is idempotent).
 * <ul>
 * <li>New = with a UID above the folder's mark ({@link ImapUidMarks}: the highest UID stored, kept in the hub
 * store with the folder's UIDVALIDITY, so it survives restarts), or just below it and not taken yet (mails
 * delivered together may become visible out of UID order). The first time a folder is read (no mark, or the
 * server changed its UIDVALIDITY) the unseen mails are new. After a restart the few mails just below the mark
 * that are still in the folder are fetched once more and dropped by the store.</li>
 * <li>The hub never changes the read state: {@code BODY.PEEK[]}, no \Seen. Claire's unread mails stay unread in
 * their category folders (as with Graph), and there is no flag to store per mail (on the embedded demo server a
 * {@code UID STORE} costs n² in the folder's size).</li>
 * <li>Everything by UID and in bulk: one UID SEARCH, one UID FETCH of the sizes, then the raw sources of up to
 * 16 MB of mails per command. No envelope is prefetched and no message sequence number is used (they shift while
 * the pipeline moves mails away).</li>
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
    /**
     * Mails delivered at the same moment can become visible out of UID order (the embedded server numbers a mail
     * before it has parsed it): a mail that appears below the mark, within this many UIDs, is still taken.
     */
    static final int REORDER_WINDOW = 100;

    private final MailReceiver receiver;
    private final ImapSettings settings;
    private final ImapUids uids;
    private final ImapConnection connection;
    private final ImapUidMarks marks;
    private final String mailbox;
    private final MessageIdSniffer sniffer = new MessageIdSniffer();
    private long uidValidity = -1;
    /** The folder's mark: every mail up to this UID is stored or was already read before the hub's first reading. */
    private long highestUid;
    /** No mark yet: the unseen mails are the new ones, until they are all taken (see {@link #pollOnce}). */
    private boolean firstReading;
    /** The folder's top when the hub first read it: the reorder window never goes down to it. */
    private long floorUid;
    /** UIDs taken by this instance within the reorder window below the mark (empty after a restart). */
    private final java.util.TreeSet<Long> recent = new java.util.TreeSet<>();

    public ImapMailSource(MailReceiver receiver, MailProperties properties, MailAccount account, ImapSettings settings,
                          ImapUids uids, ImapUidMarks marks) {
        this.receiver = receiver;
        this.settings = settings;
        this.uids = uids;
        this.marks = marks;
        this.mailbox = account.username();
        this.connection = new ImapConnection(properties, account, settings.protocol());
    }

    /**
     * Takes the new mails of the folder, by batches of relais.mail.imap.max-messages-per-poll, until none is left
     * (at most 20 batches per tick). Returns how many were new to the pipeline.
     */
    public synchronized int poll() throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                return rounds();
            } catch (MessagingException e) {
                // a dropped connection (the server closed it, a network blip): once more on a new one
                connection.close();
                if (attempt == 2) {
                    throw e;
                }
                LOG.debug("reading {}: {}; reconnecting", settings.folder(), e.toString());
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    private int rounds() throws MessagingException {
        int stored = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Batch batch = pollOnce(connection.folder(settings.folder()));
            stored += batch.stored();
            if (batch.taken() < settings.maxMessagesPerPoll()) {
                break;
            }
        }
        return stored;
    }

    private record Batch(int taken, int stored) {
    }

    /**
     * One batch. With a mark: the mails above it. On the first reading of a folder (no mark): the unseen mails,
     * without saving a mark until they are all taken (a restart in between takes them again, the store
     * dropping those it has); then the mark becomes the highest UID the folder had when the last batch was
     * searched, so the mails read before the hub existed are never taken.
     */
    private Batch pollOnce(IMAPFolder folder) throws MessagingException {
        long validity = folder.getUIDValidity();
        if (validity != uidValidity) {
            uidValidity = validity;
            var mark = marks.load(mailbox, settings.folder(), validity);
            highestUid = mark.map(ImapUidMarks.Mark::highestUid).orElse(0L);
            floorUid = mark.map(ImapUidMarks.Mark::floorUid).orElse(0L);
            firstReading = mark.isEmpty();
            recent.clear();
            LOG.info("reading {} of {} (UIDVALIDITY {}) {}", settings.folder(), mailbox, validity, firstReading
                    ? "for the first time: its unseen mails are new" : "from above UID " + highestUid);
        }
        if (firstReading) {
            return firstReadingBatch(folder);
        }
        long low = Math.max(floorUid + 1, highestUid - REORDER_WINDOW + 1);
        recent.headSet(low).clear();
        List<Long> candidates = ImapCommands.uidSearch(folder, "UID " + low + ":*").stream()
                .filter(u -> u >= low && !recent.contains(u)).toList();
        long before = highestUid;
        try {
            return take(folder, candidates);
        } finally {
            if (highestUid > before) {
                marks.save(mailbox, settings.folder(), uidValidity, new ImapUidMarks.Mark(highestUid, floorUid));
            }
        }
    }

    private Batch firstReadingBatch(IMAPFolder folder) throws MessagingException {
        List<Long> all = ImapCommands.uidSearch(folder, "ALL");
        long folderTop = all.isEmpty() ? 0 : all.get(all.size() - 1);
        long floor = highestUid;
        Batch batch = take(folder, ImapCommands.uidSearch(folder, "UNSEEN").stream().filter(u -> u > floor).toList());
        if (batch.taken() < settings.maxMessagesPerPoll()) {
            firstReading = false;
            highestUid = Math.max(highestUid, folderTop);
            floorUid = folderTop;
            marks.save(mailbox, settings.folder(), uidValidity, new ImapUidMarks.Mark(highestUid, floorUid));
        }
        return batch;
    }

    /** Takes up to relais.mail.imap.max-messages-per-poll of the candidates (ascending UIDs). */
    private Batch take(IMAPFolder folder, List<Long> candidates) throws MessagingException {
        List<Long> taken = candidates.stream().limit(settings.maxMessagesPerPoll()).toList();
        if (taken.isEmpty()) {
            return new Batch(0, 0);
        }
        Map<Long, Long> sizes = ImapCommands.sizes(folder, taken);
        int stored = 0;
        List<Long> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (long uid : taken) {
            long size = sizes.getOrDefault(uid, 0L);
            if (!chunk.isEmpty() && chunkBytes + size > FETCH_BYTES) {
                stored += store(folder, chunk);
                chunk.clear();
                chunkBytes = 0;
            }
            chunk.add(uid);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            stored += store(folder, chunk);
        }
        return new Batch(taken.size(), stored);
    }

    /**
     * Fetches the raw sources of the chunk in one command and hands them to the pipeline, in UID order; once
     * they are stored the mark moves past the chunk (a mail that left the folder in between is simply gone).
     */
    private int store(IMAPFolder folder, List<Long> chunk) throws MessagingException {
        Map<Long, byte[]> raws = ImapCommands.fetchRaw(folder, chunk);
        List<ReceivedMail> mails = new ArrayList<>();
        for (long uid : chunk) {
            byte[] raw = raws.get(uid);
            if (raw == null) {
                LOG.debug("mail UID {} left the folder before it was fetched", uid);
                continue;
            }
            String sourceId = sourceId(raw);
            uids.remember(sourceId, uidValidity, uid);
            mails.add(new ReceivedMail(TRANSPORT, sourceId, ReceivedMail.Direction.INBOUND, raw, Instant.now()));
        }
        int stored = mails.isEmpty() ? 0 : receiver.receiveAll(mails);
        highestUid = Math.max(highestUid, chunk.get(chunk.size() - 1));
        recent.addAll(chunk);
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
