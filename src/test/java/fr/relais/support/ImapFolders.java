package fr.relais.support;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.Properties;

/** Reads a folder of a test mail server over IMAP: log in, open, work, close. */
public final class ImapFolders {

    /** What to do with the open folder. */
    public interface Work<T> {
        T on(Folder folder) throws Exception;
    }

    private ImapFolders() {
    }

    /**
     * Runs {@code work} on the folder (full name, the server's separator), opened in {@code mode}; returns
     * {@code absent} when the login is refused (the embedded server creates a mailbox on its first delivery) or
     * the folder does not exist.
     */
    public static <T> T read(String host, int port, String user, String password, String folder, int mode, T absent,
                             Work<T> work) throws Exception {
        Store imap = Session.getInstance(new Properties()).getStore("imap");
        try {
            imap.connect(host, port, user, password);
        } catch (AuthenticationFailedException noMailboxYet) {
            return absent;
        }
        try {
            Folder f = imap.getFolder(folder.replace('/', imap.getDefaultFolder().getSeparator()));
            if (!f.exists()) {
                return absent;
            }
            f.open(mode);
            try {
                return work.on(f);
            } finally {
                f.close(false);
            }
        } finally {
            imap.close();
        }
    }
}
