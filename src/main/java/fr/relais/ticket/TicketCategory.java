package fr.relais.ticket;

/**
 * What a ticket is about. The first eight are the mail classifier's codes; the last four are opened by
 * the hub's own flows. Stored by name (VARCHAR), so adding a category needs no migration.
 */
public enum TicketCategory {
    /** quote request */
    DEVIS,
    /** appointment */
    RDV,
    /** after-sales: breakdown, warranty */
    SAV,
    /** complaint */
    RECLAMATION,
    /** invoicing, payment */
    FACTURATION,
    /** a job / worksite */
    CHANTIER,
    /** a supplier */
    FOURNISSEUR,
    /** anything else */
    AUTRE,
    /** possible duplicate customer to review (customer sync) */
    CLIENT_DOUBLON,
    /** conflicting edits between ERP and Sage (customer sync) */
    SYNC_CONFLIT,
    /** a write refused by the ERP or Sage */
    SYNC_REJET,
    /** a mail that could not be read */
    ILLISIBLE
}
