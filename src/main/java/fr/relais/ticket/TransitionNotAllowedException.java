package fr.relais.ticket;

/** A status move that {@link TicketStatus} forbids (e.g. CLOSED to RESOLVED). */
public class TransitionNotAllowedException extends RuntimeException {

    private final TicketStatus from;
    private final TicketStatus to;

    public TransitionNotAllowedException(TicketStatus from, TicketStatus to) {
        super("a " + from + " ticket cannot move to " + to + " (allowed: " + from.next() + ")");
        this.from = from;
        this.to = to;
    }

    public TicketStatus from() {
        return from;
    }

    public TicketStatus to() {
        return to;
    }
}
