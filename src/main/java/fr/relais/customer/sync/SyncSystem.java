package fr.relais.customer.sync;

/** The two systems the customer sync keeps together (the customer_link.source_system values). */
public enum SyncSystem {
    ERP,
    SAGE;

    public SyncSystem other() {
        return this == ERP ? SAGE : ERP;
    }

    /** The name Claire reads. */
    public String label() {
        return this == ERP ? "ERP (MDE)" : "Sage 100";
    }
}
