package fr.relais.mail.imap;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The few IMAP commands the transport needs, always by UID and many mails per command: message sequence numbers
 * shift when another connection moves mails out of the folder (which the hub's own filing does), so a command by
 * sequence number could flag or move the wrong mail. One round trip per command, whatever the number of mails.
 */
final class ImapCommands {

    private ImapCommands() {
    }

    /** UIDs matching an IMAP search key (e.g. {@code UNSEEN}, {@code UID 120:*}), ascending. */
    static List<Long> uidSearch(IMAPFolder folder, String criteria) throws MessagingException {
        Response[] responses = run(folder, "UID SEARCH " + criteria, null);
        TreeSet<Long> uids = new TreeSet<>();
        for (Response r : responses) {
            if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                long n;
                while ((n = ir.readLong()) != -1) {
                    uids.add(n);
                }
            }
        }
        return new ArrayList<>(uids);
    }

    /** RFC822.SIZE of each UID still in the folder. */
    static Map<Long, Long> sizes(IMAPFolder folder, Collection<Long> uids) throws MessagingException {
        Map<Long, Long> sizes = new LinkedHashMap<>();
        for (Response r : run(folder, "UID FETCH " + uidSet(uids) + " (UID RFC822.SIZE)", null)) {
            if (r instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(RFC822SIZE.class) != null) {
                sizes.put(f.getItem(UID.class).uid, f.getItem(RFC822SIZE.class).size);
            }
        }
        return sizes;
    }

    /** The raw source of each UID, byte for byte, without setting \Seen (BODY.PEEK[]). */
    static Map<Long, byte[]> fetchRaw(IMAPFolder folder, Collection<Long> uids) throws MessagingException {
        Map<Long, byte[]> raw = new LinkedHashMap<>();
        for (Response r : run(folder, "UID FETCH " + uidSet(uids) + " (UID BODY.PEEK[])", null)) {
            if (r instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(BODY.class) != null) {
                var bytes = f.getItem(BODY.class).getByteArray();
                raw.put(f.getItem(UID.class).uid, bytes == null ? new byte[0] : bytes.getNewBytes());
            }
        }
        return raw;
    }

    /** Adds flags, e.g. {@code (\Seen \Flagged)}. */
    static void addFlags(IMAPFolder folder, Collection<Long> uids, String flags) throws MessagingException {
        run(folder, "UID STORE " + uidSet(uids) + " +FLAGS.SILENT " + flags, null);
    }

    /** Moves the mails to another folder: UID MOVE when the server has it, else UID COPY, \Deleted and EXPUNGE. */
    static void move(IMAPFolder folder, Collection<Long> uids, String targetFullName, boolean moveCapable)
            throws MessagingException {
        Argument target = new Argument().writeString(BASE64MailboxEncoder.encode(targetFullName));
        if (moveCapable) {
            run(folder, "UID MOVE " + uidSet(uids), target);
            return;
        }
        run(folder, "UID COPY " + uidSet(uids), target);
        addFlags(folder, uids, "(\\Deleted)");
        run(folder, "EXPUNGE", null);
    }

    /** "3:5,9" for 3, 4, 5, 9. */
    static String uidSet(Collection<Long> uids) {
        StringBuilder s = new StringBuilder();
        Long start = null;
        Long previous = null;
        for (long uid : new TreeSet<>(uids)) {
            if (previous != null && uid == previous + 1) {
                previous = uid;
                continue;
            }
            if (start != null) {
                append(s, start, previous);
            }
            start = uid;
            previous = uid;
        }
        if (start != null) {
            append(s, start, previous);
        }
        return s.toString();
    }

    private static void append(StringBuilder s, long start, long end) {
        if (!s.isEmpty()) {
            s.append(',');
        }
        s.append(start);
        if (end != start) {
            s.append(':').append(end);
        }
    }

    private static Response[] run(IMAPFolder folder, String command, Argument args) throws MessagingException {
        return (Response[]) folder.doCommand(p -> {
            Response[] responses = p.command(command, args);
            Response[] kept = responses.clone();
            p.notifyResponseHandlers(responses);
            p.handleResult(responses[responses.length - 1]);
            return kept;
        });
    }
}
