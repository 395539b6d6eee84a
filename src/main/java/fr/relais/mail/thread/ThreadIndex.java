package fr.relais.mail.thread;

import java.util.Base64;

/**
 * Outlook's Thread-Index header: base64 of 22 bytes identifying the conversation (a FILETIME and a GUID),
 * followed by 5 bytes per reply. The first 22 bytes are the same for every mail of a conversation.
 */
public final class ThreadIndex {

    static final int CONVERSATION_BYTES = 22;

    private ThreadIndex() {
    }

    /** The conversation key (base64 of the first 22 bytes), or null when the value is not a Thread-Index. */
    public static String conversation(String threadIndex) {
        if (threadIndex == null || threadIndex.isBlank()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(threadIndex.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < CONVERSATION_BYTES) {
            return null;
        }
        byte[] head = java.util.Arrays.copyOf(bytes, CONVERSATION_BYTES);
        return Base64.getEncoder().encodeToString(head);
    }
}
