package fr.relais.ticket;

/** Where a ticket came from. */
public enum TicketOrigin {
    MAIL,
    PHONE,
    TECHNICIAN,
    REMINDER,
    SURVEY,
    /** opened by the hub itself to ask a question (duplicate customer, sync conflict...) */
    REVIEW
}
