package fr.relais.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * A ticket's status and the moves allowed between statuses.
 *
 * <pre>
 * NEW              -> OPEN, WAITING_CUSTOMER, WAITING_INTERNAL, RESOLVED, CLOSED
 * OPEN             -> WAITING_CUSTOMER, WAITING_INTERNAL, RESOLVED, CLOSED
 * WAITING_CUSTOMER -> OPEN, WAITING_INTERNAL, RESOLVED, CLOSED
 * WAITING_INTERNAL -> OPEN, WAITING_CUSTOMER, RESOLVED, CLOSED
 * RESOLVED         -> OPEN (reopened), CLOSED
 * CLOSED           -> OPEN (reopened) only
 * </pre>
 * Nothing goes back to NEW. Setting the status a ticket already has is not a move (nothing changes).
 * A customer's message on a WAITING_CUSTOMER or RESOLVED ticket moves it to OPEN by itself
 * (see {@link TicketService#addMessage}).
 */
public enum TicketStatus {
    NEW,
    OPEN,
    WAITING_CUSTOMER,
    WAITING_INTERNAL,
    RESOLVED,
    CLOSED;

    /** The statuses this one may move to. */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, WAITING_CUSTOMER, WAITING_INTERNAL, RESOLVED, CLOSED);
            case OPEN -> EnumSet.of(WAITING_CUSTOMER, WAITING_INTERNAL, RESOLVED, CLOSED);
            case WAITING_CUSTOMER -> EnumSet.of(OPEN, WAITING_INTERNAL, RESOLVED, CLOSED);
            case WAITING_INTERNAL -> EnumSet.of(OPEN, WAITING_CUSTOMER, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.of(OPEN);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }

    /** True for a ticket that is not RESOLVED or CLOSED: someone still has something to do. */
    public boolean isActive() {
        return this != RESOLVED && this != CLOSED;
    }
}
