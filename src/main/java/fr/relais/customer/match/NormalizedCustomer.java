package fr.relais.customer.match;

import java.util.List;

/**
 * A customer record with every field normalised once, ready to be compared many times.
 *
 * @param record  the record as typed
 * @param name    the normalised name
 * @param address the normalised address (street, postcode, city)
 * @param phones  valid phone numbers in E.164
 * @param email   lower-cased email, or empty
 * @param ids     SIRET / SIREN
 * @param nameKey phonetic key of the surname (person) or of the main name token (company), for blocking
 */
public record NormalizedCustomer(CustomerRecord record, CustomerName name, CustomerAddress address,
                                 List<PhoneNormalizer.Phone> phones, String email, CompanyIds.Ids ids,
                                 String nameKey) {

    public String id() {
        return record.id();
    }
}
