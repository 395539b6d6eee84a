package fr.relais.ticket;

import fr.relais.platform.InvalidInputException;

import java.util.List;

/** A request to open or change a ticket that is missing something or holds a wrong value. */
public class InvalidTicketException extends InvalidInputException {

    private final transient List<FieldError> fields;

    public InvalidTicketException(List<FieldError> fields) {
        super("invalid ticket: " + fields);
        this.fields = List.copyOf(fields);
    }

    public InvalidTicketException(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    public List<FieldError> fields() {
        return fields;
    }
}
