package fr.relais.ticket;

import java.time.Instant;
import java.util.Set;

/**
 * Search criteria; an empty set or a null value means "any". Values inside one set are OR-ed.
 * {@code contactEmail} matches the contact's address ignoring case; {@code createdSince} keeps tickets
 * created at or after that instant (e.g. "a second mail from the same sender within the hour").
 */
public record TicketFilter(Set<TicketStatus> statuses, Set<TicketCategory> categories, Set<Urgency> urgencies,
                           Set<TicketOrigin> origins, Long customerId, String assignee, String contactEmail,
                           Instant createdSince) {

    public static TicketFilter any() {
        return new TicketFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, null, null, null);
    }

    public TicketFilter contactEmail(String value) {
        return new TicketFilter(statuses, categories, urgencies, origins, customerId,
                assignee, value, createdSince);
    }

    public TicketFilter createdSince(Instant value) {
        return new TicketFilter(statuses, categories, urgencies, origins, customerId,
                assignee, contactEmail, value);
    }

    public TicketFilter statuses(TicketStatus... values) {
        return new TicketFilter(Set.of(values), categories, urgencies, origins, customerId,
                assignee, contactEmail, createdSince);
    }

    public TicketFilter categories(TicketCategory... values) {
        return new TicketFilter(statuses, Set.of(values), urgencies, origins, customerId,
                assignee, contactEmail, createdSince);
    }

    public TicketFilter urgencies(Urgency... values) {
        return new TicketFilter(statuses, categories, Set.of(values), origins, customerId,
                assignee, contactEmail, createdSince);
    }

    public TicketFilter origins(TicketOrigin... values) {
        return new TicketFilter(statuses, categories, urgencies, Set.of(values), customerId,
                assignee, contactEmail, createdSince);
    }

    public TicketFilter customerId(Long value) {
        return new TicketFilter(statuses, categories, urgencies, origins, value,
                assignee, contactEmail, createdSince);
    }

    public TicketFilter assignee(String value) {
        return new TicketFilter(statuses, categories, urgencies, origins, customerId,
                value, contactEmail, createdSince);
    }
}
