package fr.relais.ticket;

import java.util.List;

/** One page of a search, newest tickets first; {@code page} counts from 0. */
public record TicketPage(List<Ticket> items, int page, int size, long total) {
}
