package fr.relais.mail.thread;

import fr.relais.mail.intake.ParsedMail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the processing of mails that may belong to one conversation, so that the second of two mails of a
 * new conversation sees the ticket the first one opened instead of opening another. A mail's keys are what the
 * {@link ThreadResolver} joins on: the sender's address (a second mail on the same matter), Outlook's
 * conversation, its own Message-ID and the ones it answers (a reply to a mail being processed). Mails sharing
 * no key run in parallel.
 * <p>
 * Keys are hashed onto a fixed set of lock stripes (two unrelated mails rarely wait for each other); the
 * stripes of one mail are taken in ascending order, so two mails never wait for each other in a cycle. The
 * locks are the JVM's: one hub processes a mailbox (the queue's consumers are in one process).
 */
public final class ConversationLocks {

    /** How many of the newest References a mail locks. */
    static final int MAX_REFERENCES = 5;

    private final ReentrantLock[] stripes;

    public ConversationLocks(int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be at least 1, not " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** The keys of a mail: its sender, its conversation, its own Message-ID and those it refers to. */
    public static List<String> keysOf(ParsedMail mail) {
        List<String> keys = new ArrayList<>(4);
        if (mail.fromAddress() != null && !mail.fromAddress().isBlank()) {
            keys.add("from:" + mail.fromAddress().toLowerCase(Locale.ROOT));
        }
        String conversation = ThreadIndex.conversation(mail.threadIndex());
        if (conversation != null) {
            keys.add("conversation:" + conversation);
        }
        if (mail.messageId() != null) {
            keys.add("id:" + mail.messageId());
        }
        if (mail.inReplyTo() != null) {
            keys.add("id:" + mail.inReplyTo());
        }
        // the newest references only: the resolver tries them newest first, and a long chain would take
        // most stripes
        List<String> refs = mail.references();
        for (int i = Math.max(0, refs.size() - MAX_REFERENCES); i < refs.size(); i++) {
            keys.add("id:" + refs.get(i));
        }
        return keys;
    }

    /** A set of held stripes; closing releases them. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the stripes of these keys, waiting for other mails that hold one of them. */
    public Held lock(Collection<String> keys) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String k : keys) {
            indexes.add(Math.floorMod(k.hashCode(), stripes.length));
        }
        List<ReentrantLock> held = new ArrayList<>(indexes.size());
        try {
            for (int i : indexes) {
                stripes[i].lock();
                held.add(stripes[i]);
            }
        } catch (RuntimeException | Error e) {
            unlock(held);
            throw e;
        }
        return () -> unlock(held);
    }

    private static void unlock(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }
}
