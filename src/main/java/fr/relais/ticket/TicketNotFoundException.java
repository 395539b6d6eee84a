package fr.relais.ticket;

public class TicketNotFoundException extends RuntimeException {

    public TicketNotFoundException(String idOrReference) {
        super("no ticket " + idOrReference);
    }
}
