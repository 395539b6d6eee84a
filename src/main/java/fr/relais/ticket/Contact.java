package fr.relais.ticket;

/** Who to get back to when the sender is not (yet) a known customer. Every part is optional. */
public record Contact(String name, String email, String phone) {

    public static final Contact NONE = new Contact(null, null, null);

    public boolean isEmpty() {
        return isBlank(name) && isBlank(email) && isBlank(phone);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
