package fr.relais.customer.write;

/**
 * The only way the hub writes a customer into another system. Sage: {@code SageWriter} implementations
 * (HTTP bridge to Objets Métiers, or import file); never SQL on Sage's tables. ERP: import file or staging table.
 */
public interface CustomerWriter {

    /** "SAGE" or "ERP" (the customer_link.source_system value). */
    String system();

    /** Applies one write; never throws for a refusal or an outage, it answers with the outcome. */
    WriteOutcome write(CustomerWrite write);
}
