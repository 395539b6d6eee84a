package fr.relais.ticket;

/** Why one field of a request was refused. */
public record FieldError(String field, String reason) {
}
