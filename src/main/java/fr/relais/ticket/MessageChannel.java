package fr.relais.ticket;

/** How a ticket message travelled. */
public enum MessageChannel {
    MAIL,
    PHONE,
    /** an internal note, seen by the company only */
    NOTE,
    /** a form (technician, survey) */
    FORM,
    /** written by the hub itself */
    SYSTEM
}
