package fr.relais.mail.transport;

/** What Claire does in Outlook that the hub takes as an instruction (implemented by the mail pipeline). */
public interface StaffActions {

    /** Claire set the "done" category on the original mail: its ticket is resolved. Idempotent. */
    void markedDone(String transport, String sourceId, String actor);
}
