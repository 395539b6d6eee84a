package fr.relais.customer.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * French postal addresses as typed: street type abbreviations (av., bd, r., ch., imp., rte, pl., all.,
 * fg...), Saint/St/Ste, bis/ter, complements (bât., apt, BP, CS), CEDEX in the address or the city.
 */
public final class AddressNormalizer {

    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("rue", "rue"), Map.entry("r", "rue"), Map.entry("ru", "rue"),
            Map.entry("avenue", "avenue"), Map.entry("av", "avenue"), Map.entry("ave", "avenue"),
            Map.entry("avn", "avenue"), Map.entry("aven", "avenue"),
            Map.entry("boulevard", "boulevard"), Map.entry("bd", "boulevard"), Map.entry("bld", "boulevard"),
            Map.entry("blvd", "boulevard"), Map.entry("boul", "boulevard"), Map.entry("bvd", "boulevard"),
            Map.entry("chemin", "chemin"), Map.entry("ch", "chemin"), Map.entry("chem", "chemin"),
            Map.entry("che", "chemin"), Map.entry("chm", "chemin"),
            Map.entry("impasse", "impasse"), Map.entry("imp", "impasse"), Map.entry("impa", "impasse"),
            Map.entry("route", "route"), Map.entry("rte", "route"), Map.entry("rt", "route"),
            Map.entry("place", "place"), Map.entry("pl", "place"), Map.entry("plc", "place"),
            Map.entry("allee", "allee"), Map.entry("all", "allee"), Map.entry("al", "allee"),
            Map.entry("allees", "allee"),
            Map.entry("square", "square"), Map.entry("sq", "square"),
            Map.entry("cours", "cours"), Map.entry("crs", "cours"),
            Map.entry("faubourg", "faubourg"), Map.entry("fg", "faubourg"), Map.entry("fbg", "faubourg"),
            Map.entry("quai", "quai"), Map.entry("qu", "quai"), Map.entry("q", "quai"), Map.entry("qai", "quai"),
            Map.entry("passage", "passage"), Map.entry("pass", "passage"), Map.entry("psg", "passage"),
            Map.entry("lotissement", "lotissement"), Map.entry("lot", "lotissement"), Map.entry("lotiss", "lotissement"),
            Map.entry("residence", "residence"), Map.entry("res", "residence"), Map.entry("resid", "residence"),
            Map.entry("hameau", "hameau"), Map.entry("ham", "hameau"), Map.entry("hmeau", "hameau"),
            Map.entry("montee", "montee"), Map.entry("mte", "montee"),
            Map.entry("sentier", "sentier"), Map.entry("sen", "sentier"), Map.entry("sent", "sentier"),
            Map.entry("lieudit", "lieudit"), Map.entry("ld", "lieudit"),
            Map.entry("promenade", "promenade"), Map.entry("prom", "promenade"),
            Map.entry("esplanade", "esplanade"), Map.entry("espl", "esplanade"),
            Map.entry("parvis", "parvis"), Map.entry("rond", "rondpoint"), Map.entry("rpt", "rondpoint"),
            Map.entry("voie", "voie"), Map.entry("ruelle", "ruelle"), Map.entry("rle", "ruelle"),
            Map.entry("traverse", "traverse"), Map.entry("tra", "traverse"),
            Map.entry("zi", "zone"), Map.entry("za", "zone"), Map.entry("zac", "zone"), Map.entry("zone", "zone"),
            Map.entry("parc", "parc"), Map.entry("pte", "porte"), Map.entry("porte", "porte"),
            Map.entry("clos", "clos"), Map.entry("cite", "cite"), Map.entry("vc", "voie"));
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("st", "saint"), Map.entry("ste", "sainte"), Map.entry("gal", "general"),
            Map.entry("gen", "general"), Map.entry("gl", "general"), Map.entry("mal", "marechal"),
            Map.entry("mar", "marechal"), Map.entry("pdt", "president"), Map.entry("pres", "president"),
            Map.entry("dr", "docteur"), Map.entry("doct", "docteur"), Map.entry("prof", "professeur"),
            Map.entry("cdt", "commandant"), Map.entry("cne", "capitaine"), Map.entry("lt", "lieutenant"),
            Map.entry("ch", "chemin"), Map.entry("mgr", "monseigneur"), Map.entry("nd", "notredame"),
            Map.entry("vx", "vieux"), Map.entry("gd", "grand"), Map.entry("gde", "grande"), Map.entry("pt", "petit"),
            Map.entry("pte", "petite"), Map.entry("fr", "freres"), Map.entry("jj", "jeanjacques"),
            Map.entry("1er", "premier"), Map.entry("8", "8"));
    private static final Set<String> STOP = set("de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux",
            "et", "en", "sur", "sous");
    /** A complement introduces a word that is not part of the street (bâtiment B, appartement 12, BP 45). */
    private static final Set<String> COMPLEMENTS = set("bat", "batiment", "bt", "apt", "appt", "appartement",
            "app", "etage", "etg", "esc", "escalier", "porte", "bp", "cs", "tsa", "cedex", "boite", "bal", "lot",
            "entree", "digicode", "code");
    /** Words that start a complement after the street name ("..., Résidence Les Pins", "... Bât B"). */
    private static final Set<String> COMPLEMENT_STARTS = set("residence", "res", "resid", "batiment", "bat", "bt",
            "immeuble", "imm", "apt", "appt", "appartement", "escalier", "esc", "etage", "etg", "bp", "cs", "tsa",
            "cedex", "chez", "entree", "porte");
    private static final java.util.regex.Pattern NUMBER_ONLY =
            java.util.regex.Pattern.compile("(?i)(n[°o]?\\s*)?\\d+\\s*(bis|ter|[a-d])?");
    /** Abbreviations typed with dots ("B.P.", "Z.I.") joined back into one word. */
    private static final Set<String> JOINED = set("bp", "cs", "zi", "za", "zac", "ld", "rn", "rd");
    private static final Set<String> NUMBER_MARKS = set("bis", "ter", "quater", "b", "t", "a", "c", "d");

    private AddressNormalizer() {
    }

    public static CustomerAddress normalize(String address, String postcode, String city) {
        boolean cedex = false;
        String pc = digits(postcode);
        if (pc.length() == 4) {
            pc = "0" + pc; // a leading zero lost by a spreadsheet
        }
        if (pc.length() != 5) {
            pc = pc.length() > 5 ? pc.substring(0, 5) : "";
        }
        List<String> cityTokens = new ArrayList<>();
        for (String t : TextFolding.tokens(city == null ? "" : city.replace("-", " "))) {
            if (t.equals("cedex")) {
                cedex = true;
                continue;
            }
            if (t.chars().allMatch(Character::isDigit)) {
                if (pc.isEmpty() && t.length() == 5) {
                    pc = t;
                }
                continue; // "CEDEX 9", a postcode typed in the city
            }
            cityTokens.add(WORDS.getOrDefault(t, t));
        }
        List<String> tokens = TextFolding.joinLetterRuns(TextFolding.tokens(streetSegment(address)), JOINED);
        if (tokens.contains("cedex")) {
            cedex = true;
        }
        String number = "";
        String type = "";
        List<String> street = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!street.isEmpty() && COMPLEMENT_STARTS.contains(t)) {
                break; // the rest is a complement: "..., Résidence Les Pins", "... BP 12 CEDEX"
            }
            if (number.isEmpty() && street.isEmpty() && type.isEmpty() && (t.equals("n") || t.equals("no")
                    || t.equals("num")) && i + 1 < tokens.size() && startsWithDigit(tokens.get(i + 1))) {
                continue; // "n° 12"
            }
            if (COMPLEMENTS.contains(t)) {
                // drop the complement and its value ("bat B", "BP 45", "CS 20012", "cedex 9")
                if (i + 1 < tokens.size() && (tokens.get(i + 1).length() <= 2
                        || tokens.get(i + 1).chars().allMatch(Character::isDigit))) {
                    i++;
                }
                continue;
            }
            if (number.isEmpty() && street.isEmpty() && type.isEmpty() && startsWithDigit(t)) {
                String n = NON_DIGITS.matcher(t).replaceAll("");
                String rest = t.substring(leadingDigits(t));
                if (!rest.isEmpty() && NUMBER_MARKS.contains(rest)) {
                    n = n + rest.charAt(0);
                } else if (i + 2 < tokens.size() && NUMBER_MARKS.contains(tokens.get(i + 1))
                        && (tokens.get(i + 1).length() > 1 || !TYPES.containsKey(tokens.get(i + 1)))) {
                    n = n + tokens.get(i + 1).charAt(0);
                    i++;
                }
                number = stripLeadingZeros(n);
                continue;
            }
            if (type.isEmpty() && street.isEmpty() && TYPES.containsKey(t)) {
                type = TYPES.get(t);
                continue;
            }
            if (STOP.contains(t)) {
                continue;
            }
            if (t.chars().allMatch(Character::isDigit) && t.length() == 5) {
                continue; // a postcode typed in the address line
            }
            street.add(WORDS.getOrDefault(t, t));
        }
        return new CustomerAddress(number, type, String.join(" ", street), pc, String.join(" ", cityTokens), cedex);
    }

    /**
     * The part of an address line that holds the street: complements are often typed before or after it
     * between commas ("2e étage, 117 av. du Mont-Blanc"); a number alone before a comma stays with its
     * street ("44, quai de la République").
     */
    static String streetSegment(String address) {
        if (address == null || address.indexOf(',') < 0) {
            return address == null ? "" : address;
        }
        List<String> segments = new ArrayList<>();
        String pendingNumber = "";
        for (String seg : address.split(",")) {
            String s = seg.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (NUMBER_ONLY.matcher(s).matches()) {
                pendingNumber = s + " ";
                continue;
            }
            segments.add(pendingNumber + s);
            pendingNumber = "";
        }
        if (segments.isEmpty()) {
            return pendingNumber.strip();
        }
        for (String s : segments) {
            List<String> t = TextFolding.tokens(s);
            int i = 0;
            while (i < t.size() && (startsWithDigit(t.get(i)) || NUMBER_MARKS.contains(t.get(i)) || t.get(i).equals("n"))) {
                i++;
            }
            if (i < t.size() && TYPES.containsKey(t.get(i)) && !t.get(i).equals("residence") && !t.get(i).equals("res")) {
                return s;
            }
        }
        for (String s : segments) {
            if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
                return s;
            }
        }
        return String.join(" ", segments);
    }

    private static boolean startsWithDigit(String t) {
        return !t.isEmpty() && Character.isDigit(t.charAt(0));
    }

    private static int leadingDigits(String t) {
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String stripLeadingZeros(String n) {
        int i = 0;
        while (i < n.length() - 1 && n.charAt(i) == '0') {
            i++;
        }
        return n.substring(i);
    }

    private static String digits(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Set<String> set(String... values) {
        return Set.copyOf(java.util.Arrays.asList(values));
    }
}
