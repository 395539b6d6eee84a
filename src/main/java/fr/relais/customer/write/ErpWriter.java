package fr.relais.customer.write;

/** Writes MDE ERP customers through the method MDE accepts (import file or staging table). */
public interface ErpWriter extends CustomerWriter {

    @Override
    default String system() {
        return "ERP";
    }
}
