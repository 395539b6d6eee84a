package fr.relais.customer.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names as typed by hand: civilities (M., Mme, M. et Mme, Monsieur...), name order ("DUPONT Jean" and
 * "Jean Dupont"), legal forms (SARL, S.A.R.L., SAS, SCI, EURL...), generation marks (fils, père, Jr, Sr),
 * particles ("Le Gall", "de la Fontaine"), compound given names ("Jean-Pierre", "Jean Pierre").
 */
public final class NameNormalizer {

    static final Set<String> LEGAL_FORMS = set("sarl", "sas", "sasu", "sa", "sci", "eurl", "snc", "sca",
            "scop", "scs", "selarl", "selas", "selafa", "selurl", "scp", "scm", "gie", "gaec", "earl", "ei", "eirl",
            "sem", "spl", "scic", "sccv", "autoentrepreneur", "microentreprise", "sarlu", "sela");
    private static final Set<String> CIVILITIES = set("m", "mr", "mme", "mmes", "mlle", "mlles", "melle", "monsieur",
            "madame", "mademoiselle", "messieurs", "mesdames", "mm", "dr", "docteur", "pr", "professeur", "me",
            "maitre", "vve", "veuve", "famille", "fam", "mrs", "ms");
    private static final Set<String> SUFFIX_JR = set("fils", "jr", "junior", "jnr", "cadet");
    private static final Set<String> SUFFIX_SR = set("pere", "sr", "senior", "snr", "aine");
    // "l" and "d" are particles only when elided ("L'Hermite", "D'Arc"), which split() glues: alone ("L. Michel",
    // "D Braudey") they are initials
    private static final Set<String> PARTICLES = set("de", "du", "des", "le", "la", "les", "van", "von",
            "di", "da", "del", "della", "ben", "el", "al", "mac", "mc");
    /** Generic company words dropped from the significant tokens ("Ets Dupont" is "Dupont"). */
    private static final Set<String> GENERIC_COMPANY = set("ets", "etablissements", "etablissement", "entreprise",
            "ent", "societe", "ste", "cie", "compagnie", "et", "and", "fils", "freres", "ste");
    private static final Set<String> COMPANY_WORDS = set("ets", "etablissements", "etablissement", "entreprise",
            "societe", "cabinet", "syndic", "syndicat", "agence", "immobilier", "immobiliere", "immo", "residence",
            "copropriete", "hotel", "restaurant", "boulangerie", "patisserie", "garage", "pharmacie", "clinique",
            "camping", "association", "asso", "mairie", "commune", "groupe", "holding", "services", "gestion",
            "transports", "plomberie", "chauffage", "electricite", "menuiserie", "boucherie", "cafe", "bar",
            "auberge", "gites", "ecole", "college", "lycee", "paroisse", "club", "office", "banque", "assurances",
            "laboratoire", "institut", "centre", "atelier", "boutique", "fromagerie", "scierie", "bureau",
            "pressing", "coiffure", "optique", "taxi", "taxis", "ambulances", "etude", "notaires", "conseil",
            "consulting", "batiment", "construction", "constructions", "renovation", "habitat", "foncier",
            "fonciere", "gerance", "regie", "copro", "hlm", "office", "sarl", "compagnie", "cie", "industrie",
            "industries", "distribution", "commerce", "magasin", "supermarche", "camping", "chalets", "ehpad",
            // building trades, the customer's own field (activities, not the trades' names, which are surnames
            // too: Charpentier, Couvreur, Boulanger)
            "maconnerie", "peinture", "peintures", "carrelage", "couverture", "couvertures", "charpente",
            "charpentes", "toiture", "toitures", "serrurerie", "vitrerie", "miroiterie", "paysage", "paysages",
            "nettoyage", "sanitaire", "sanitaires", "climatisation", "isolation", "terrassement", "terrassements",
            "travaux", "btp", "energie", "energies", "depannage", "entretien", "maintenance", "ramonage",
            "chauffagiste", "ferronnerie", "metallerie", "platrerie", "etancheite", "demolition", "echafaudage",
            "assainissement", "forage", "elagage", "amenagement", "amenagements", "agencement", "decoration");
    /** "Dubois et Fils", "Martin & Fils", "Favre Frères", "Roux et Cie", "Bel et Associés": a family business. */
    private static final java.util.regex.Pattern FAMILY_BUSINESS = java.util.regex.Pattern.compile(
            "(?iu)(?:\\b(?:et|and)\\s+|&\\s*)(?:fils|fr[eè]res|cie|compagnie|associ[eé]s)\\b|\\bfr[eè]res\\s*$");

    private static final Set<String> FIRST_NAMES = loadFirstNames();
    private static final Set<String> KNOWN_RUNS = new HashSet<>(LEGAL_FORMS);

    private NameNormalizer() {
    }

    /** True when the folded token is a common French given name. */
    public static boolean isFirstName(String token) {
        return FIRST_NAMES.contains(token) || isCompoundFirstName(token);
    }

    /** "jeanpierre", "mariehelene": two given names glued (typed with a hyphen). */
    static boolean isCompoundFirstName(String t) {
        for (int i = 3; i <= t.length() - 3; i++) {
            if (FIRST_NAMES.contains(t.substring(0, i)) && FIRST_NAMES.contains(t.substring(i))) {
                return true;
            }
        }
        return false;
    }

    public static CustomerName normalize(String raw) {
        List<String> tokens = new ArrayList<>();
        List<Boolean> upper = new ArrayList<>();
        split(raw, tokens, upper);
        // S.A.R.L. -> sarl (only runs that make a known legal form)
        if (tokens.stream().anyMatch(t -> t.length() == 1)) {
            List<String> joined = TextFolding.joinLetterRuns(tokens, KNOWN_RUNS);
            if (joined.size() != tokens.size()) {
                tokens = joined;
                upper = new ArrayList<>();
                for (int i = 0; i < tokens.size(); i++) {
                    upper.add(Boolean.FALSE);
                }
            }
        }
        String legal = "";
        boolean company = raw != null && FAMILY_BUSINESS.matcher(raw).find();
        boolean couple = false;
        String suffix = "";
        List<String> kept = new ArrayList<>();
        List<Boolean> keptUpper = new ArrayList<>();
        boolean leading = true;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (LEGAL_FORMS.contains(t)) {
                if (legal.isEmpty()) {
                    legal = t;
                }
                company = true;
                continue;
            }
            if (COMPANY_WORDS.contains(t)) {
                company = true;
            }
            if (leading && (CIVILITIES.contains(t) || (t.equals("et") && i > 0))) {
                if (t.equals("et")) {
                    couple = true;
                }
                continue;
            }
            leading = false;
            kept.add(t);
            keptUpper.add(upper.get(i));
        }
        if (kept.size() > 1 && kept.get(0).equals("sainte")) {
            company = true; // "Sté Dupont": société, not sainte
        }
        if (company) {
            List<String> core = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                String t = kept.get(i);
                if (i == 0 && t.equals("sainte") && kept.size() > 1) {
                    continue; // "Sté Dupont": société
                }
                if (!GENERIC_COMPANY.contains(t)) {
                    core.add(t);
                }
            }
            core = glueParticles(core, null);
            if (core.isEmpty()) {
                core = kept;
            }
            return new CustomerName(true, legal, List.copyOf(core), "", String.join(" ", core), "", false);
        }
        // person: generation marks
        List<String> person = new ArrayList<>();
        List<Boolean> personUpper = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            String t = kept.get(i);
            if (kept.size() > 1 && SUFFIX_JR.contains(t)) {
                suffix = "jr";
            } else if (kept.size() > 1 && SUFFIX_SR.contains(t)) {
                suffix = "sr";
            } else if (t.equals("et") || (CIVILITIES.contains(t) && t.length() > 1 && !t.equals("me"))) {
                if (t.equals("et")) {
                    couple = true;
                }
            } else {
                person.add(t);
                personUpper.add(keptUpper.get(i));
            }
        }
        person = glueParticles(person, personUpper);
        person = glueCompoundGiven(person, personUpper);
        String given = "";
        String surname;
        if (person.size() <= 1) {
            surname = person.isEmpty() ? "" : person.get(0);
        } else {
            int ups = 0;
            for (Boolean b : personUpper) {
                if (b) {
                    ups++;
                }
            }
            StringBuilder s = new StringBuilder();
            StringBuilder g = new StringBuilder();
            if (ups > 0 && ups < person.size()) {
                for (int i = 0; i < person.size(); i++) {
                    (personUpper.get(i) ? s : g).append(person.get(i));
                }
            } else {
                int n = person.size();
                boolean firstIsGiven = looksGiven(person.get(0));
                boolean lastIsGiven = looksGiven(person.get(n - 1));
                int givenAt = (lastIsGiven && !firstIsGiven) ? n - 1 : 0;
                for (int i = 0; i < n; i++) {
                    (i == givenAt ? g : s).append(person.get(i));
                }
            }
            given = g.toString();
            surname = s.toString();
        }
        return new CustomerName(false, "", List.copyOf(person), given, surname, suffix, couple);
    }

    private static boolean looksGiven(String t) {
        return t.length() == 1 || isFirstName(t);
    }

    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern HYPHENS = java.util.regex.Pattern.compile("[-\u2010\u2013]+");

    /** A word that starts with an elided particle: L' or D' (straight or typographic apostrophe). */
    private static final java.util.regex.Pattern ELIDED = java.util.regex.Pattern.compile("[LlDd]['’]\\p{L}");

    /** Splits on blanks; the hyphenated parts of one word are glued ("Jean-Pierre" gives "jeanpierre"). */
    private static void split(String raw, List<String> tokens, List<Boolean> upper) {
        if (raw == null) {
            return;
        }
        String s = raw.replace('&', ' ').replace('/', ' ').replace(',', ' ').replace('(', ' ').replace(')', ' ');
        for (String word : BLANKS.split(s.trim())) {
            if (word.isEmpty()) {
                continue;
            }
            long letters = word.chars().filter(Character::isLetter).count();
            boolean isUpper = letters > 1 && word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
            List<String> wordTokens = new ArrayList<>();
            boolean glueNext = false;
            for (String part : HYPHENS.split(word)) {
                List<String> ts = TextFolding.tokens(part);
                if (ts.size() >= 2 && ELIDED.matcher(part).lookingAt()) {
                    // an elided particle glued to its word: "L'Hermite" is "lhermite", "D’Arc" is "darc"
                    ts = new ArrayList<>(ts);
                    ts.set(0, ts.get(0) + ts.remove(1));
                }
                for (int i = 0; i < ts.size(); i++) {
                    String t = ts.get(i);
                    if (t.equals("st")) {
                        t = "saint";
                    } else if (t.equals("ste")) {
                        t = "sainte";
                    }
                    if (i == 0 && glueNext && !wordTokens.isEmpty()) {
                        int last = wordTokens.size() - 1;
                        wordTokens.set(last, wordTokens.get(last) + t);
                    } else {
                        wordTokens.add(t);
                    }
                }
                glueNext = !ts.isEmpty();
            }
            for (String t : wordTokens) {
                tokens.add(t);
                upper.add(isUpper);
            }
        }
    }

    private static List<String> glueParticles(List<String> in, List<Boolean> upper) {
        List<String> out = new ArrayList<>(in.size());
        List<Boolean> up = new ArrayList<>(in.size());
        StringBuilder pending = new StringBuilder();
        boolean pendingUpper = false;
        for (int i = 0; i < in.size(); i++) {
            String t = in.get(i);
            if (PARTICLES.contains(t) && i < in.size() - 1) {
                pending.append(t);
                pendingUpper = upper != null && upper.get(i);
                continue;
            }
            out.add(pending + t);
            up.add(upper != null && (upper.get(i) || pendingUpper && upper.get(i)));
            pending.setLength(0);
        }
        if (upper != null) {
            upper.clear();
            upper.addAll(up);
        }
        return out;
    }

    /** "jean pierre" (two given names typed apart) becomes "jeanpierre", as "Jean-Pierre" does. */
    private static List<String> glueCompoundGiven(List<String> in, List<Boolean> upper) {
        if (in.size() < 3) {
            return in;
        }
        List<String> out = new ArrayList<>(in.size());
        List<Boolean> up = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String t = in.get(i);
            if (i + 1 < in.size() && FIRST_NAMES.contains(t) && FIRST_NAMES.contains(in.get(i + 1))
                    && upper.get(i).equals(upper.get(i + 1))) {
                out.add(t + in.get(i + 1));
                up.add(upper.get(i));
                i++;
            } else {
                out.add(t);
                up.add(upper.get(i));
            }
        }
        upper.clear();
        upper.addAll(up);
        return out;
    }

    private static Set<String> loadFirstNames() {
        Set<String> names = new HashSet<>();
        try (InputStream in = NameNormalizer.class.getResourceAsStream("first-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("first-names.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                for (String t : line.trim().split("\\s+")) {
                    if (!t.isEmpty()) {
                        names.add(t);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }

    private static Set<String> set(String... values) {
        return Set.copyOf(java.util.Arrays.asList(values));
    }
}
