package fr.relais.mail.imap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.ReceivedMail;
import fr.relais.support.ImapFolders;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IMAP poller against a real IMAP server: what it takes, what it leaves, where it resumes. */
class ImapMailSourceTest {

    private static final String BOX = "contact@relais.test";
    private static final String PASSWORD = "secret-imap";

    private GreenMail server;
    private MailProperties properties;
    private final ImapUidMarks marks = ImapUidMarks.inMemory();
    private final StoreLike store = new StoreLike();

    @BeforeEach
    void start() {
        server = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));
        server.start();
        server.setUser(BOX, BOX, PASSWORD);
        properties = new MailProperties(false, "127.0.0.1", server.getImap().getPort(), server.getSmtp().getPort(), false,
                BOX, BOX, PASSWORD, "claire@relais.test", 5000);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theFirstReadingTakesTheUnreadMailsOnlyAndLeavesTheReadStateAlone() throws Exception {
        deliver("old-read-1");
        deliver("new-1");
        deliver("old-read-2");
        deliver("new-2");
        markRead("old-read-1", "old-read-2");

        ImapMailSource source = source(10);
        assertThat(source.poll()).isEqualTo(2);

        assertThat(store.ids).containsExactly("new-1@example.fr", "new-2@example.fr");
        assertThat(unread()).as("the hub does not mark what it took as read").containsExactlyInAnyOrder(
                "new-1@example.fr", "new-2@example.fr");
        assertThat(marks.load(BOX, "INBOX", uidValidity())).as("the mark is the folder's top once the unread are taken")
                .hasValue(new ImapUidMarks.Mark(uidOf("new-2"), uidOf("new-2")));
        deliver("new-3");
        assertThat(source.poll()).isEqualTo(1);
        assertThat(store.ids).containsExactly("new-1@example.fr", "new-2@example.fr", "new-3@example.fr");
        assertThat(source(10).poll()).as("after a restart, the mails read before the first reading are still not taken")
                .isZero();
        assertThat(store.offeredTwice).doesNotContain("old-read-1@example.fr", "old-read-2@example.fr");
    }

    @Test
    void aRestartResumesAtTheMarkNothingIsTakenTwiceOrLost() throws Exception {
        for (int i = 0; i < 5; i++) {
            deliver("m" + i);
        }
        ImapMailSource source = source(2);
        assertThat(source.poll()).as("by batches of 2 in one tick").isEqualTo(5);
        deliver("m5");
        deliver("m6");
        assertThat(source.poll()).isEqualTo(2);

        deliver("while-down");
        markRead("while-down");
        ImapMailSource restarted = source(2);
        assertThat(restarted.poll()).as("only the mail that came in while the hub was down, read or not").isEqualTo(1);
        assertThat(store.ids).containsExactly("m0@example.fr", "m1@example.fr", "m2@example.fr", "m3@example.fr",
                "m4@example.fr", "m5@example.fr", "m6@example.fr", "while-down@example.fr");
        assertThat(store.offeredTwice).as("the mails taken since the first reading and still in the folder are fetched"
                + " once more after a restart, and dropped by the store").containsOnly("m5@example.fr", "m6@example.fr");
        store.offeredTwice.clear();
        assertThat(restarted.poll()).isZero();
        assertThat(store.offeredTwice).as("once only").isEmpty();
    }

    @Test
    void aDroppedConnectionIsOpenedAgainAndTheTickGoesOn() throws Exception {
        deliver("before");
        ImapMailSource source = source(10);
        assertThat(source.poll()).isEqualTo(1);

        // the IMAP service goes away with the poller's session open (every session closed), and comes back on
        // the same port with the same mailboxes, as a mail server restart does
        int imapPort = server.getImap().getPort();
        server.getImap().stopService();
        com.icegreen.greenmail.imap.ImapServer again = new com.icegreen.greenmail.imap.ImapServer(
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP), server.getManagers());
        again.startService();
        assertThat(again.waitTillRunning(10_000)).isTrue();
        deliver("after");

        try {
            assertThat(source.poll()).as("the tick opens a new connection instead of failing").isEqualTo(1);
        } finally {
            source.destroy();
            again.stopService();
        }
        assertThat(store.ids).containsExactly("before@example.fr", "after@example.fr");
    }

    @Test
    void aMailNotStoredIsTakenAgainAtTheNextTick() throws Exception {
        deliver("a");
        deliver("b");
        ImapMailSource source = source(10);
        source.poll();
        var mark = marks.load(BOX, "INBOX", uidValidity()).orElseThrow();

        deliver("c");
        store.failing.set(true);
        assertThatThrownBy(source::poll).hasMessageContaining("store down");
        assertThat(marks.load(BOX, "INBOX", uidValidity())).as("the mark has not moved").hasValue(mark);

        store.failing.set(false);
        assertThat(source.poll()).isEqualTo(1);
        assertThat(store.ids).containsExactly("a@example.fr", "b@example.fr", "c@example.fr");
        assertThat(marks.load(BOX, "INBOX", uidValidity()).orElseThrow().highestUid()).isEqualTo(uidOf("c"));
    }

    @Test
    void aMailThatBecomesVisibleJustBelowTheMarkIsStillTaken() throws Exception {
        deliver("first");
        ImapMailSource source = source(10);
        source.poll();
        deliver("late");
        deliver("later");
        // as if "later" had been seen before "late" (numbered first, visible second on a busy server)
        marks.save(BOX, "INBOX", uidValidity(), new ImapUidMarks.Mark(uidOf("later"), uidOf("first")));
        ImapMailSource restarted = source(10);
        restarted.poll();
        assertThat(store.ids).contains("late@example.fr", "later@example.fr");
    }

    private ImapMailSource source(int perPoll) {
        return new ImapMailSource(store, properties, new MailAccount(BOX, PASSWORD, false),
                new ImapSettings(true, "imap", "INBOX", 1000, perPoll), new ImapUids(), marks);
    }

    /** Like the hub's receiver: each Message-ID stored once. */
    static final class StoreLike implements MailReceiver {
        final Set<String> ids = new LinkedHashSet<>();
        final List<String> offeredTwice = new ArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public synchronized boolean receive(ReceivedMail mail) {
            if (failing.get()) {
                throw new IllegalStateException("store down");
            }
            if (!ids.add(mail.sourceId())) {
                offeredTwice.add(mail.sourceId());
                return false;
            }
            return true;
        }
    }

    private void deliver(String name) throws Exception {
        String raw = "From: client@example.fr\r\nTo: " + BOX + "\r\nSubject: " + name + "\r\nMessage-ID: <" + name
                + "@example.fr>\r\n\r\nBonjour\r\n";
        server.getManagers().getUserManager().getUserByEmail(BOX).deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
    }

    private <T> T inbox(int mode, ImapFolders.Work<T> work) throws Exception {
        return ImapFolders.read(properties.host(), properties.imapPort(), BOX, PASSWORD, "INBOX", mode, null, work);
    }

    private void markRead(String... names) throws Exception {
        inbox(Folder.READ_WRITE, f -> {
            for (Message m : f.getMessages()) {
                if (List.of(names).contains(m.getSubject())) {
                    m.setFlag(Flags.Flag.SEEN, true);
                }
            }
            return null;
        });
    }

    private List<String> unread() throws Exception {
        return inbox(Folder.READ_ONLY, f -> {
            List<String> ids = new ArrayList<>();
            for (Message m : f.getMessages()) {
                if (!m.isSet(Flags.Flag.SEEN)) {
                    ids.add(m.getHeader("Message-ID")[0].replaceAll("[<>]", ""));
                }
            }
            return ids;
        });
    }

    private long uidOf(String name) throws Exception {
        return inbox(Folder.READ_ONLY, f -> {
            for (Message m : f.getMessages()) {
                if (name.equals(m.getSubject())) {
                    return ((UIDFolder) f).getUID(m);
                }
            }
            throw new AssertionError(name + " is not in the inbox");
        });
    }

    private long uidValidity() throws Exception {
        return inbox(Folder.READ_ONLY, f -> ((UIDFolder) f).getUIDValidity());
    }
}
