package fr.relais.mail.classify;

/** What a mail asks for. The names are a contract with the ticket store and the mail flow. */
public enum Category {
    /** Quote request for new work. */
    DEVIS,
    /** Book, move or cancel a visit. */
    RDV,
    /** Breakdown or malfunction needing an intervention, warranty. */
    SAV,
    /** Complaint: work done, delay, behaviour, damage. */
    RECLAMATION,
    /** Invoice, payment, reminder, VAT certificate, direct debit. */
    FACTURATION,
    /** Question or change about an ongoing job. */
    CHANTIER,
    /** Suppliers, wholesalers, subcontractors, partners, administrations. */
    FOURNISSEUR,
    /** Newsletters, advertising, spam, auto-replies, bounces, a bare "merci": no ticket. */
    NON_TICKET
}
