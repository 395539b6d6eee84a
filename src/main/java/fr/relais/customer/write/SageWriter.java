package fr.relais.customer.write;

/** Writes Sage 100 customer accounts (F_COMPTET) through Sage's supported path only. */
public interface SageWriter extends CustomerWriter {

    @Override
    default String system() {
        return "SAGE";
    }
}
