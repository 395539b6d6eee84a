package fr.relais.ticket;

public enum MessageDirection {
    /** from the customer (or a third party) to the company */
    IN,
    /** from the company to the customer */
    OUT
}
