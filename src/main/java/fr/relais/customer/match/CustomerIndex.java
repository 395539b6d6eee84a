package fr.relais.customer.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one system (or the hub's registry of canonical customers) with their blocking keys,
 * so that a record is compared only with the few that share a key with it, and with the count of
 * records holding each strong identifier (a phone, email or SIRET shared by several records counts
 * less). Records can be added one at a time (incremental matching); adding and querying at the same
 * time must be guarded by the caller.
 */
public final class CustomerIndex {

    private final List<NormalizedCustomer> records = new ArrayList<>();
    private final Map<String, int[]> blocks = new HashMap<>();
    /** Per identifier key (phone, email, SIRET, SIREN), its holders: one {@link Holder} or several (a List). */
    private final Map<String, Object> identifierHolders = new HashMap<>();
    /** Per name key (full name, given name, surname, company name), its holder keys: one String or a Set. */
    private final Map<String, Object> nameHolders = new HashMap<>();
    private final int maxBlockSize;
    private int persons;

    public CustomerIndex(int maxBlockSize) {
        this.maxBlockSize = maxBlockSize;
    }

    /** Adds a record; returns its position in the index. */
    public synchronized int add(NormalizedCustomer c) {
        return add(c, blockingKeys(c));
    }

    synchronized int add(NormalizedCustomer c, List<String> keys) {
        int at = records.size();
        records.add(c);
        for (String k : keys) {
            int[] cur = blocks.get(k);
            if (cur == null) {
                blocks.put(k, new int[] {1, at});
            } else {
                int n = cur[0];
                if (n + 1 >= cur.length) {
                    // keep growing past the cap only to count; the block is not used beyond it
                    if (n + 1 > maxBlockSize + 1) {
                        cur[0] = n + 1;
                        continue;
                    }
                    cur = Arrays.copyOf(cur, Math.max(4, cur.length * 2));
                    blocks.put(k, cur);
                }
                cur[n + 1] = at;
                cur[0] = n + 1;
            }
        }
        Holder holder = new Holder(holderKey(c), c.name());
        for (String k : identifierKeys(c)) {
            holdIdentifier(k, holder);
        }
        List<String> names = new ArrayList<>(3);
        String fullName = fullNameKey(c.name());
        if (fullName != null) {
            names.add(fullName);
            names.add(givenKey(c.name()));
        }
        if (!c.name().company() && !c.name().surname().isEmpty()) {
            persons++;
            names.add(surnameKey(c.name()));
        }
        if (c.name().company() && !c.name().isEmpty()) {
            names.add(companyKey(c.name()));
        }
        if (!c.address().postcode().isEmpty()) {
            // the full name, the surname and the company name counted in the record's town too (not the given
            // name alone, "P|"): a name common in the county may be one customer's there
            for (int i = 0, n = names.size(); i < n; i++) {
                if (!names.get(i).startsWith("P|")) {
                    names.add(inTown(names.get(i), c.address()));
                }
            }
        }
        for (String k : names) {
            Object cur = nameHolders.get(k);
            if (cur == null) {
                nameHolders.put(k, holder.key());
            } else if (cur instanceof String one) {
                if (!one.equals(holder.key())) {
                    java.util.Set<String> set = new java.util.HashSet<>(4);
                    set.add(one);
                    set.add(holder.key());
                    nameHolders.put(k, set);
                }
            } else {
                @SuppressWarnings("unchecked")
                java.util.Set<String> set = (java.util.Set<String>) cur;
                set.add(holder.key());
            }
        }
        return at;
    }

    /**
     * Who holds a number, a mailbox or a SIRET: the name at one address ({@link #holderKey}), and a person of the
     * same name who holds it at another address is the same holder: one person typed twice in one system, at
     * an old and a new address (a number follows its owner). The name keys (full name, surname, company name)
     * count holders by {@link #holderKey} alone: there, namesakes at other addresses are what is counted.
     */
    private record Holder(String key, CustomerName name) {
        boolean same(Holder o) {
            return key.equals(o.key) || samePerson(name, o.name);
        }
    }

    private void holdIdentifier(String identifierKey, Holder holder) {
        Object cur = identifierHolders.get(identifierKey);
        if (cur == null) {
            identifierHolders.put(identifierKey, holder);
        } else if (cur instanceof Holder one) {
            if (!one.same(holder)) {
                List<Holder> list = new ArrayList<>(4);
                list.add(one);
                list.add(holder);
                identifierHolders.put(identifierKey, list);
            }
        } else {
            @SuppressWarnings("unchecked")
            List<Holder> list = (List<Holder>) cur;
            for (Holder h : list) {
                if (h.same(holder)) {
                    return;
                }
            }
            list.add(holder);
        }
    }

    /**
     * Two names of one person, as far as a shared number can tell: persons (not a company, not "M. et Mme"), the
     * same generation mark, full given names (not initials) equal or one typing slip apart, and surnames equal
     * or one slip apart. A father and his son, two brothers, a couple and one of them stay two holders.
     */
    static boolean samePerson(CustomerName a, CustomerName b) {
        if (a.company() || b.company() || a.couple() || b.couple() || !a.suffix().equals(b.suffix())
                || a.given().length() < 3 || b.given().length() < 3 || a.surname().length() < 2) {
            return false;
        }
        boolean given = a.given().equals(b.given())
                || Math.min(a.given().length(), b.given().length()) >= 4 && PairScorer.oneEditApart(a.given(), b.given());
        boolean surname = a.surname().equals(b.surname())
                || Math.min(a.surname().length(), b.surname().length()) >= 5
                && PairScorer.oneEditApart(a.surname(), b.surname());
        return given && surname;
    }

    /**
     * A person's surname with their full given name, the two in alphabetical order ("M|dupont|jeanpierre"), counted
     * like an identifier: a full name that one holder only has in each system is evidence that survives a move.
     * In either order, because the parser cannot always tell them apart ("MONNELIER SERAPHIN", a given name it
     * does not know). Null for a company or when the given name is missing or an initial.
     */
    static String fullNameKey(CustomerName name) {
        if (name.company() || name.surname().isEmpty() || name.given().length() < 2 || !name.suffix().isEmpty()) {
            return null;
        }
        String s = name.surname();
        String g = name.given();
        return s.compareTo(g) <= 0 ? "M|" + s + "|" + g : "M|" + g + "|" + s;
    }

    /**
     * A name key ({@link #fullNameKey}, {@link #surnameKey}, {@link #companyKey}) counted in one town, the
     * postcode ("@74210|U|fournier"): a name common in the county may still be one customer's in a town. Null
     * without a postcode or a name key.
     */
    static String inTown(String nameKey, CustomerAddress address) {
        return nameKey == null || address.postcode().isEmpty() ? null : "@" + address.postcode() + "|" + nameKey;
    }

    /** A person's full given name alone ("P|jeanpierre"), counted like an identifier: how common it is. */
    static String givenKey(CustomerName name) {
        return "P|" + name.given();
    }

    /** A person's surname alone ("U|dupont"), counted like an identifier: how common the name is. */
    static String surnameKey(CustomerName name) {
        return "U|" + name.surname();
    }

    /** A company's name, words in any order ("K|dubois plomberie"), counted like an identifier. */
    static String companyKey(CustomerName name) {
        return "K|" + name.sortedKey();
    }

    /**
     * Who holds an identifier: the name (tokens in any order) at one address (number and street). Two
     * records of one customer typed twice alike are one holder; a father and his son, a couple typed
     * "M. et Mme" beside one of them, the sites of a syndic (other addresses) are several.
     */
    static String holderKey(NormalizedCustomer c) {
        return c.name().sortedKey() + "|" + c.address().number() + "|" + c.address().street();
    }

    public int size() {
        return records.size();
    }

    public NormalizedCustomer get(int i) {
        return records.get(i);
    }

    /**
     * How many holders share an identifier key ("T|+33...", "E|mail", "S|siret", "N|siren"; and the name keys):
     * records, those of the same name at the same address counted once (a customer typed twice), and for an
     * identifier also a person of the same name at another address (typed twice, before and after a move).
     */
    public int count(String identifierKey) {
        Object cur = identifierHolders.get(identifierKey);
        if (cur == null) {
            cur = nameHolders.get(identifierKey);
        }
        return cur == null ? 0 : cur instanceof java.util.Collection<?> several ? several.size() : 1;
    }

    /** The persons indexed: records with a surname, not companies. */
    public int persons() {
        return persons;
    }

    /** Beyond this many holders an identifier is a company's or a syndic's: its holders are not told apart. */
    private static final int RELATED_HOLDERS_CAP = 16;

    /**
     * Holders of an identifier whose name shares a word (three letters or more) with {@code a} or {@code b}: a
     * household, a family, a company's sites. A holder of an unrelated name (another family, another company)
     * holds the number by a slip or by chance, and does not make it shared for these two.
     */
    public int holders(String identifierKey, CustomerName a, CustomerName b) {
        Object cur = identifierHolders.get(identifierKey);
        if (!(cur instanceof List<?> list) || list.size() > RELATED_HOLDERS_CAP) {
            return count(identifierKey);
        }
        int n = 0;
        for (Object o : list) {
            CustomerName h = ((Holder) o).name();
            if (shareWord(h, a) || shareWord(h, b)) {
                n++;
            }
        }
        return n;
    }

    private static boolean shareWord(CustomerName x, CustomerName y) {
        if (x.isEmpty() || y.isEmpty()) {
            return true;
        }
        for (String t : x.tokens()) {
            if (t.length() >= 3 && y.tokens().contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Positions of the records sharing at least one usable blocking key with {@code q}, ascending. */
    public int[] candidates(NormalizedCustomer q) {
        return candidates(blockingKeys(q));
    }

    int[] candidates(List<String> keys) {
        int[] buf = new int[64];
        int n = 0;
        for (String k : keys) {
            int[] b = blocks.get(k);
            if (b == null || b[0] > maxBlockSize) {
                continue;
            }
            int len = b[0];
            if (n + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + len));
            }
            System.arraycopy(b, 1, buf, n, len);
            n += len;
        }
        Arrays.sort(buf, 0, n);
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (u == 0 || buf[u - 1] != buf[i]) {
                buf[u++] = buf[i];
            }
        }
        return Arrays.copyOf(buf, u);
    }

    /**
     * Blocking keys for duplicates inside one system: without the town, town-address and surname-ends keys, which serve
     * cross-system matching (a postcode or surname typed differently in the other system) and would make
     * the duplicate pass over 200,000 customers too slow for what it finds at its stricter thresholds.
     */
    static List<String> duplicateKeys(NormalizedCustomer c) {
        List<String> keys = blockingKeys(c);
        keys.removeIf(k -> k.startsWith("C|") || k.startsWith("F|") || k.startsWith("L|") || k.startsWith("H|")
                || k.startsWith("O|"));
        return keys;
    }

    /** Keys of the strong identifiers of a record, as counted by {@link #count(String)}. */
    static List<String> identifierKeys(NormalizedCustomer c) {
        List<String> keys = new ArrayList<>(4);
        for (PhoneNormalizer.Phone p : c.phones()) {
            keys.add("T|" + p.e164());
        }
        if (!c.email().isEmpty()) {
            keys.add("E|" + c.email());
        }
        if (c.ids().siret() != null) {
            keys.add("S|" + c.ids().siret());
        }
        if (c.ids().siren() != null) {
            keys.add("N|" + c.ids().siren());
        }
        return keys;
    }

    /** The phonetic key of a street's longest word (the one a slip or an abbreviation least changes). */
    private static String longestWordPhonetic(String street) {
        String longest = "";
        for (String s : street.split(" ")) {
            if (s.length() > longest.length()) {
                longest = s;
            }
        }
        return CustomerNormalizer.phonetic(longest);
    }

    /**
     * Blocking keys: each strong identifier; postcode with the phonetic key of each name token;
     * postcode, house number and street; the phonetic name anywhere in the country.
     */
    public static List<String> blockingKeys(NormalizedCustomer c) {
        List<String> keys = identifierKeys(c);
        if (c.ids().invalidDigits() != null && c.ids().invalidDigits().length() >= 9) {
            keys.add("X|" + c.ids().invalidDigits());
        }
        CustomerAddress a = c.address();
        CustomerName name = c.name();
        List<String> tokens = name.tokens();
        // house number and the key of the street, for the address keys below
        String streetKey = !a.number().isEmpty() && a.hasStreet() ? a.number() + "|" + longestWordPhonetic(a.street())
                : null;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.length() < 2 || (!name.company() && tokens.size() > 1 && NameNormalizer.isFirstName(t))
                    && !t.equals(name.surname())) {
                continue;
            }
            String ph = CustomerNormalizer.phonetic(t);
            if (streetKey != null) {
                // the name at the same house number and street, whatever the town says: found when one side has
                // no town and the other a CEDEX code, or both are mistyped
                keys.add("W|" + streetKey + "|" + ph);
            }
            if (!a.city().isEmpty()) {
                // the town typed out: found when the postcode is missing or mistyped (74190 / 74910)
                keys.add("C|" + a.city() + "|" + ph);
            }
            if (a.postcode().isEmpty()) {
                continue;
            }
            keys.add("P|" + a.postcode() + "|" + ph);
            if (!name.company() && tokens.size() == 2) {
                // finer key for big towns: the surname with the initial of the other token
                keys.add("Q|" + a.postcode() + "|" + ph + "|" + tokens.get(1 - i).charAt(0));
            }
        }
        if (streetKey != null && !a.postcode().isEmpty()) {
            keys.add("A|" + a.postcode() + "|" + streetKey);
        }
        if (streetKey != null && a.city().length() >= 3) {
            // the same address in the same town when a postcode is missing, mistyped or a CEDEX code: the
            // house number, the street and the first three letters of the town (a slip rarely hits them)
            keys.add("H|" + a.city().substring(0, 3) + "|" + streetKey);
        }
        if (!name.company() && tokens.size() == 2 && !a.postcode().isEmpty()) {
            // a slip in the surname changes its phonetic key (GAVNT / GAVET): the given name in full with the
            // first or the last two letters of the surname in the postcode (one slip cannot change both ends);
            // either word can be the given name ("MICHEL Chantal", "THIERRY BERNARD")
            for (int i = 0; i < 2; i++) {
                String g = tokens.get(i);
                String s = tokens.get(1 - i);
                if (g.length() < 3 || s.length() < 4 || !(g.equals(name.given()) || NameNormalizer.isFirstName(g))) {
                    continue;
                }
                keys.add("F|" + a.postcode() + "|" + g + "|" + s.substring(0, 2));
                keys.add("L|" + a.postcode() + "|" + g + "|" + s.substring(s.length() - 2));
            }
        }
        if (!name.company() && name.surname().length() >= 5 && !name.given().isEmpty()) {
            // a slip in the surname's end and a given name written as an initial on one side (JACQUOAZ Honorine /
            // H. JACQUOTAZ): the surname's first three letters with the given name's initial, in the postcode, or
            // in the town when the postcode is missing
            String k = name.surname().substring(0, 3) + "|" + name.given().charAt(0);
            if (!a.postcode().isEmpty()) {
                keys.add("I|" + a.postcode() + "|" + k);
            } else if (!a.city().isEmpty()) {
                keys.add("J|" + a.city() + "|" + k);
            }
        }
        if (!c.nameKey().isEmpty()) {
            String initial = name.given().isEmpty() ? "" : name.given().substring(0, 1);
            keys.add("G|" + c.nameKey() + "|" + initial);
        }
        if (name.company()) {
            // each word of a company's name, county-wide: a trade word ("cabinet", "plomberie") makes a block too
            // big to be used, the word that names the company ("Bernard") finds it at any address
            for (String t : tokens) {
                if (t.length() >= 4) {
                    keys.add("O|" + CustomerNormalizer.phonetic(t));
                }
            }
        }
        return keys;
    }
}
