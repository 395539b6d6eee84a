package fr.relais.customer.match;

/**
 * A customer as one system holds it, fields as typed (any may be empty): the columns of the
 * {@code id,name,address,postcode,city,phone,email,siret} CSV contract.
 */
public record CustomerRecord(String id, String name, String address, String postcode, String city,
                             String phone, String email, String siret) {

    public CustomerRecord {
        id = id == null ? "" : id.strip();
        name = clean(name);
        address = clean(address);
        postcode = clean(postcode);
        city = clean(city);
        phone = clean(phone);
        email = clean(email);
        siret = clean(siret);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
