package fr.relais.ticket;

import java.util.Set;

/** Search criteria; an empty set or a null value means "any". Values inside one set are OR-ed. */
public record TicketFilter(Set<TicketStatus> statuses, Set<TicketCategory> categories, Set<Urgency> urgencies,
                           Set<TicketOrigin> origins, Long customerId, String assignee) {

    public static TicketFilter any() {
        return new TicketFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, null);
    }

    public TicketFilter statuses(TicketStatus... values) {
        return new TicketFilter(Set.of(values), categories, urgencies, origins, customerId, assignee);
    }

    public TicketFilter categories(TicketCategory... values) {
        return new TicketFilter(statuses, Set.of(values), urgencies, origins, customerId, assignee);
    }

    public TicketFilter urgencies(Urgency... values) {
        return new TicketFilter(statuses, categories, Set.of(values), origins, customerId, assignee);
    }

    public TicketFilter origins(TicketOrigin... values) {
        return new TicketFilter(statuses, categories, urgencies, Set.of(values), customerId, assignee);
    }

    public TicketFilter customerId(Long value) {
        return new TicketFilter(statuses, categories, urgencies, origins, value, assignee);
    }

    public TicketFilter assignee(String value) {
        return new TicketFilter(statuses, categories, urgencies, origins, customerId, value);
    }
}
