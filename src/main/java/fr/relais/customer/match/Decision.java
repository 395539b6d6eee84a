package fr.relais.customer.match;

/** What the engine decides for a pair or an incoming record. */
public enum Decision {
    /** Same customer, near certain. */
    LINK,
    /** Probably the same customer: Claire decides. */
    REVIEW,
    /** Not linked (no row in the output; a new customer for an incoming record). */
    NONE
}
