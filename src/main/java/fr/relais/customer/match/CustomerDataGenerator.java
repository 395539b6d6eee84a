package fr.relais.customer.match;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates two-system French customer data with ground truth: about 60 % of customers in both the
 * ERP and Sage, 20 % in each alone, 3 % typed twice in one system; hand-typing noise (case, accents,
 * civilities, name order, typos, abbreviations, phone formats, missing fields, moves, changed numbers)
 * and hard negatives (namesakes in one town, father and son at one address with one landline, two
 * companies in one building, a syndic with many sites sharing name, SIRET, phone and email, relatives
 * sharing a family email). Deterministic for a seed.
 */
public final class CustomerDataGenerator {

    /** Generated systems and, for every record id, the id of the real customer. */
    public record Dataset(List<CustomerRecord> erp, List<CustomerRecord> sage, Map<String, String> erpTruth,
                          Map<String, String> sageTruth) {
    }

    private static final class Truth {
        String id;
        boolean company;
        String given = "";
        String surname = "";
        String suffix = "";
        String companyName = "";
        String legalForm = "";
        String number;
        String type;
        String street;
        String[] town;
        String mobile;
        String landline;
        String email;
        String siret;
        /** One site of a property manager: a building, it never moves. */
        boolean site;
    }

    private final GeneratorProfile p;
    private final GeneratorProfile.Noise noise;
    private final SplittableRandom rnd;
    private int nextCustomer;

    private CustomerDataGenerator(GeneratorProfile profile, long seed) {
        this.p = profile;
        this.noise = profile.noise();
        this.rnd = new SplittableRandom(seed);
    }

    public static Dataset generate(int customers, long seed, GeneratorProfile profile) {
        return new CustomerDataGenerator(profile, seed).run(customers);
    }

    private Dataset run(int n) {
        List<Truth> all = new ArrayList<>(n + 32);
        while (all.size() < n) {
            double r = rnd.nextDouble();
            if (r < 0.03) {
                namesakes(all);
            } else if (r < 0.05) {
                fatherAndSon(all);
            } else if (r < 0.065) {
                sameBuilding(all);
            } else if (r < 0.0675) {
                syndic(all);
            } else if (r < 0.0875) {
                familyEmail(all);
            } else {
                all.add(rnd.nextDouble() < 0.75 ? person() : company());
            }
        }
        while (all.size() > n) {
            all.remove(all.size() - 1);
        }
        List<String[]> erp = new ArrayList<>();
        List<String[]> sage = new ArrayList<>();
        for (Truth t : all) {
            double u = rnd.nextDouble();
            boolean inErp = u < 0.8;
            boolean inSage = u < 0.6 || u >= 0.8;
            if (inErp) {
                erp.add(render(t, true));
            }
            if (inSage) {
                sage.add(render(t, false));
            }
            if (rnd.nextDouble() < 0.03) {
                boolean toErp = inErp && (!inSage || rnd.nextBoolean());
                (toErp ? erp : sage).add(render(t, toErp));
            }
        }
        Map<String, String> erpTruth = new HashMap<>();
        Map<String, String> sageTruth = new HashMap<>();
        return new Dataset(finish(erp, "E", 7, erpTruth), finish(sage, "CL", 6, sageTruth), erpTruth, sageTruth);
    }

    private List<CustomerRecord> finish(List<String[]> rows, String prefix, int digits, Map<String, String> truth) {
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String[] x = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, x);
        }
        List<CustomerRecord> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            String id = prefix + String.format("%0" + digits + "d", i + 1);
            truth.put(id, r[0]);
            out.add(new CustomerRecord(id, r[1], r[2], r[3], r[4], r[5], r[6], r[7]));
        }
        return out;
    }

    // ------------------------------------------------------------------ true customers

    private String pick(List<String> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    /** Skewed choice: the first entries are more frequent (common names, the main town). */
    private <T> T skewed(List<T> l) {
        double u = rnd.nextDouble();
        return l.get((int) (l.size() * Math.pow(u, 1.7)));
    }

    private Truth base() {
        Truth t = new Truth();
        t.id = "K" + (++nextCustomer);
        newAddress(t);
        return t;
    }

    private void newAddress(Truth t) {
        t.number = String.valueOf(1 + (int) (120 * Math.pow(rnd.nextDouble(), 1.5)));
        if (rnd.nextDouble() < 0.04) {
            t.number += rnd.nextBoolean() ? " bis" : " ter";
        }
        t.town = skewed(p.towns());
        String[] street = zipf(streetsOf(t.town), 0.3);
        t.type = street[0];
        t.street = street[1];
    }

    private final Map<String, List<String[]>> streetsByTown = new HashMap<>();

    /**
     * The streets of a town (type, name): a fixed set, about 30 for a village and up to several hundred
     * for the main town (in proportion to the share of customers the town gets), deterministic for the
     * profile and the town whatever the seed. Names: the profile's usual street names (de la Gare, Victor
     * Hugo...), people (rue du Docteur + a surname), and place names built from the profile's syllables
     * (chemin des Gavolets).
     */
    private List<String[]> streetsOf(String[] town) {
        return streetsByTown.computeIfAbsent(town[0] + "=" + town[1], key -> {
            long entries = p.towns().stream().filter(x -> (x[0] + "=" + x[1]).equals(key)).count();
            int first = 0;
            while (!(p.towns().get(first)[0] + "=" + p.towns().get(first)[1]).equals(key)) {
                first++;
            }
            double n = p.towns().size();
            double share = Math.pow((first + entries) / n, 1 / 1.7) - Math.pow(first / n, 1 / 1.7);
            int count = (int) Math.max(30, Math.round(share * 3000));
            SplittableRandom r = new SplittableRandom(key.hashCode() * 31L + p.name().hashCode());
            java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
            List<String[]> out = new ArrayList<>(count);
            for (int guard = 0; out.size() < count && guard < count * 20; guard++) {
                String type = p.streetTypes().get(r.nextInt(p.streetTypes().size()));
                double u = r.nextDouble();
                String name;
                if (u < 0.45) {
                    name = p.streets().get(r.nextInt(p.streets().size()));
                } else if (u < 0.7) {
                    String title = List.of("du Docteur ", "de l'Abbé ", "du Colonel ", "", "", "").get(r.nextInt(6));
                    List<String> names = r.nextBoolean() ? NATIONAL_SURNAMES : p.surnames();
                    name = title + names.get(r.nextInt(names.size()));
                } else {
                    String root = r.nextBoolean() ? p.surnameRoots().get(r.nextInt(p.surnameRoots().size()))
                            : GENERIC_ROOTS.get(r.nextInt(GENERIC_ROOTS.size()));
                    String place = root + p.surnameEndings().get(r.nextInt(p.surnameEndings().size()));
                    boolean plural = "tdrnl".indexOf(place.charAt(place.length() - 1)) >= 0;
                    name = List.of(plural ? "des " + place + "s" : "de " + place, "du " + place, "de " + place)
                            .get(r.nextInt(3));
                }
                if (seen.add(type + " " + name)) {
                    out.add(new String[] {type, name});
                }
            }
            return List.copyOf(out);
        });
    }

    private String mobile() {
        return (rnd.nextDouble() < 0.7 ? "06" : "07") + (rnd.nextDouble() < 0.5 ? "" : "")
                + digits(rnd.nextInt(10, 99) >= 10 ? 8 : 8, true);
    }

    private String digits(int n, boolean mobileSecond) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int d = rnd.nextInt(10);
            if (i == 0 && mobileSecond) {
                d = 5 + rnd.nextInt(4); // 065x..068x, 075x..078x are mobile ranges
            }
            b.append(d);
        }
        return b.toString();
    }

    private String landline() {
        return pick(p.landlinePrefixes()).replace(" ", "") + digits(6, false);
    }

    /**
     * The most frequent surnames of France, most frequent first (both profiles: they are common everywhere).
     * Drawn for {@link #NATIONAL_SHARE} of the people with a Zipf weight rank^-0.45, so that the first one
     * (Martin) is borne by about 0.35 % of the customers, as in France.
     */
    static final List<String> NATIONAL_SURNAMES = List.of(("Martin; Bernard; Thomas; Petit; Robert; Richard; Durand;"
            + "Dubois; Moreau; Laurent; Simon; Michel; Lefebvre; Leroy; Roux; David; Bertrand; Morel; Fournier;"
            + "Girard; Bonnet; Dupont; Lambert; Fontaine; Rousseau; Vincent; Muller; Lefèvre; Faure; André;"
            + "Mercier; Blanc; Guérin; Boyer; Garnier; Chevalier; François; Legrand; Gauthier; Garcia; Perrin;"
            + "Robin; Clément; Morin; Nicolas; Henry; Roussel; Mathieu; Gautier; Masson; Marchand; Duval; Denis;"
            + "Dumont; Marie; Lemaire; Noël; Meyer; Dufour; Meunier; Brun; Blanchard; Giraud; Joly; Rivière;"
            + "Lucas; Brunet; Gaillard; Barbier; Arnaud; Martinez; Gérard; Roche; Renard; Schmitt; Roy; Leroux;"
            + "Colin; Vidal; Caron; Picard; Roger; Fabre; Aubert; Lemoine; Renaud; Dumas; Lacroix; Olivier;"
            + "Philippe; Bourgeois; Pierre; Benoît; Rey; Leclerc; Rolland; Leclercq; Guillaume; Lecomte")
            .split("\\s*;\\s*"));

    /** Shares of people whose surname is a national common one, a regional common one, or a rarer one. */
    static final double NATIONAL_SHARE = 0.08;
    static final double REGIONAL_SHARE = 0.10;

    /** Generic first syllables of the rare surnames and place names (onset, vowel, coda). */
    private static final List<String> GENERIC_ROOTS;

    static {
        List<String> roots = new ArrayList<>();
        for (String on : "B Br C Ch D F G Gr J L M N P Pr R S T Tr V".split(" ")) {
            for (String v : "a e i o ou au".split(" ")) {
                for (String co : "r l n s ss t v g m b d c".split(" ")) {
                    roots.add(on + v + co);
                }
            }
        }
        GENERIC_ROOTS = List.copyOf(roots);
    }

    /** Index in [0, n) with a Zipf weight rank^-exponent (rank = index + 1), by inverting the continuous law. */
    private int zipfIndex(int n, double exponent) {
        double a = 1 - exponent;
        double max = (Math.pow(n + 1, a) - 1) / a;
        double u = rnd.nextDouble() * max;
        int i = (int) Math.floor(Math.pow(u * a + 1, 1 / a)) - 1;
        return Math.min(n - 1, Math.max(0, i));
    }

    private <T> T zipf(List<T> l, double exponent) {
        return l.get(zipfIndex(l.size(), exponent));
    }

    /** A given name by frequency: the list is most frequent first, Zipf weight rank^-0.5. */
    private String givenName(boolean male) {
        return zipf(male ? p.maleNames() : p.femaleNames(), 0.5);
    }

    /**
     * A surname with a long-tailed frequency: a national common one (8 %), a regional common one (10 %),
     * otherwise a rare one built from the profile's syllables (about 350,000 possible names: in a real
     * French region most surnames are borne by a handful of people), sometimes with a particle or
     * double-barrelled.
     */
    private String surname() {
        double u = rnd.nextDouble();
        if (u < NATIONAL_SHARE) {
            return zipf(NATIONAL_SURNAMES, 0.45);
        }
        if (u < NATIONAL_SHARE + REGIONAL_SHARE) {
            return zipf(p.surnames(), 0.5);
        }
        String s = rareName();
        if (rnd.nextDouble() < 0.06) {
            s = pick(p.surnameParticles()) + " " + s;
        }
        if (rnd.nextDouble() < 0.03) {
            s = s + "-" + zipf(p.surnames(), 0.5);
        }
        return s;
    }

    /** Root (the profile's own, or a generic syllable), an optional middle syllable and a regional ending. */
    private String rareName() {
        String root = rnd.nextDouble() < 0.4 ? zipf(p.surnameRoots(), 0.3) : zipf(GENERIC_ROOTS, 0.3);
        return root + pick(p.surnameMiddles()) + zipf(p.surnameEndings(), 0.3);
    }

    private Truth person() {
        Truth t = base();
        boolean male = rnd.nextBoolean();
        t.given = givenName(male);
        t.surname = surname();
        if (rnd.nextDouble() < 0.8) {
            t.mobile = mobile();
        }
        if (t.mobile == null || rnd.nextDouble() < 0.4) {
            t.landline = landline();
        }
        if (rnd.nextDouble() < 0.75) {
            t.email = personEmail(t.given, t.surname);
        }
        return t;
    }

    private String slug(String s) {
        return strip(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }

    private String personEmail(String given, String surname) {
        String g = slug(given);
        String s = slug(surname);
        String local = switch (rnd.nextInt(5)) {
            case 0 -> g + "." + s;
            case 1 -> g.charAt(0) + s;
            case 2 -> s + "." + g;
            case 3 -> g + s + rnd.nextInt(10, 99);
            default -> g + "." + s + rnd.nextInt(1, 9);
        };
        return unique(local + "@" + pick(p.emailDomains()));
    }

    private final java.util.Set<String> mailboxes = new java.util.HashSet<>();

    /**
     * A mailbox belongs to one customer: a taken address gets a number, as the provider would ask for.
     * Shared addresses (a family's, a syndic's, a father's used by his son) are given on purpose.
     */
    private String unique(String email) {
        String e = email;
        int at = email.indexOf('@');
        for (int i = 2; !mailboxes.add(e); i++) {
            e = email.substring(0, at) + i + email.substring(at);
        }
        return e;
    }

    private Truth company() {
        Truth t = base();
        t.company = true;
        String owner = surname();
        t.companyName = switch (rnd.nextInt(7)) {
            case 0 -> pick(p.trades()) + " " + owner;
            case 1 -> owner + " " + pick(p.trades());
            case 2 -> pick(p.trades()) + " des " + pick(p.companyWords());
            case 3 -> pick(p.companyWords()) + " " + pick(p.trades()) + " Services";
            case 4 -> "Cabinet " + owner;
            case 5 -> owner + " et Fils";
            default -> pick(p.trades()) + " " + owner + " " + surname();
        };
        t.legalForm = pick(List.of("SARL", "SARL", "SAS", "SAS", "EURL", "SCI", "SA", "SNC", "SASU"));
        t.landline = rnd.nextDouble() < 0.85 ? landline() : null;
        if (t.landline == null || rnd.nextDouble() < 0.3) {
            t.mobile = mobile();
        }
        if (rnd.nextDouble() < 0.8) {
            t.email = unique(rnd.nextBoolean() ? "contact@" + slug(t.companyName) + ".fr"
                    : slug(t.companyName) + "@" + pick(p.emailDomains()));
        }
        if (rnd.nextDouble() < 0.9) {
            t.siret = siret(null);
        }
        return t;
    }

    private String siret(String siren) {
        if (siren == null) {
            String body = digits(8, false);
            siren = body + luhnKey(body);
        }
        String nic = String.format("%04d", rnd.nextInt(1, 9999));
        String s = siren + nic;
        return s + luhnKey(s);
    }

    private static int luhnKey(String body) {
        for (int k = 0; k < 10; k++) {
            if (CompanyIds.luhn(body + k)) {
                return k;
            }
        }
        throw new IllegalStateException();
    }

    private Truth copy(Truth o) {
        Truth t = new Truth();
        t.id = "K" + (++nextCustomer);
        t.company = o.company;
        t.given = o.given;
        t.surname = o.surname;
        t.companyName = o.companyName;
        t.legalForm = o.legalForm;
        t.number = o.number;
        t.type = o.type;
        t.street = o.street;
        t.town = o.town;
        t.mobile = o.mobile;
        t.landline = o.landline;
        t.email = o.email;
        t.siret = o.siret;
        return t;
    }

    /** Same given name and surname in the same town: another address, other numbers. */
    private void namesakes(List<Truth> all) {
        Truth a = person();
        Truth b = copy(a);
        String[] town = a.town;
        newAddress(b);
        b.town = town;
        b.mobile = rnd.nextDouble() < 0.8 ? mobile() : null;
        b.landline = b.mobile == null || rnd.nextBoolean() ? landline() : null;
        b.email = rnd.nextDouble() < 0.6 ? personEmail(b.given, b.surname) : null;
        all.add(a);
        all.add(b);
    }

    /** Father and son at one address sharing the landline: other given name, compound name, or fils/père. */
    private void fatherAndSon(List<Truth> all) {
        Truth father = person();
        father.given = givenName(true);
        if (father.landline == null) {
            father.landline = landline();
        }
        Truth son = copy(father);
        son.mobile = mobile();
        son.email = rnd.nextBoolean() ? father.email : null;
        switch (rnd.nextInt(3)) {
            case 0 -> {
                String g;
                do {
                    g = givenName(true);
                } while (g.equals(father.given));
                son.given = g;
            }
            case 1 -> {
                if (father.given.contains("-")) {
                    son.given = father.given.substring(0, father.given.indexOf('-'));
                } else {
                    son.given = father.given + "-" + pick(List.of("Pierre", "Marc", "Luc", "Michel", "Paul"));
                }
            }
            default -> {
                son.suffix = "jr";
                father.suffix = rnd.nextBoolean() ? "sr" : "";
            }
        }
        all.add(father);
        all.add(son);
    }

    /** Two companies at one address: other names, other SIRETs, sometimes the same switchboard. */
    private void sameBuilding(List<Truth> all) {
        Truth a = company();
        Truth b = company();
        b.number = a.number;
        b.type = a.type;
        b.street = a.street;
        b.town = a.town;
        if (rnd.nextDouble() < 0.3) {
            b.landline = a.landline;
        }
        all.add(a);
        all.add(b);
    }

    /** A property manager: one record per managed site, same name, SIRET, phone and email. */
    private void syndic(List<Truth> all) {
        Truth s = company();
        s.companyName = "Syndic " + surname() + " Immobilier";
        s.siret = siret(null);
        s.landline = landline();
        s.email = unique("gestion@" + slug(s.companyName) + ".fr");
        int sites = 5 + rnd.nextInt(16);
        for (int i = 0; i < sites; i++) {
            Truth site = copy(s);
            site.site = true;
            newAddress(site);
            if (rnd.nextDouble() < 0.6) {
                site.town = s.town;
            }
            all.add(site);
        }
    }

    /** Relatives sharing a family email address, living apart. */
    private void familyEmail(List<Truth> all) {
        Truth a = person();
        a.email = unique("famille." + slug(a.surname) + "@" + pick(p.emailDomains()));
        Truth b = person();
        b.surname = a.surname;
        b.email = a.email;
        if (rnd.nextBoolean()) {
            b.town = a.town;
        }
        all.add(a);
        all.add(b);
    }

    // ------------------------------------------------------------------ rendering with noise

    private boolean chance(double pr) {
        return rnd.nextDouble() < pr;
    }

    private String[] render(Truth t, boolean erp) {
        boolean noAccents = chance(0.5);
        boolean upper = chance(noise.upperCase());
        String name = t.company ? companyName(t) : personName(t, erp);
        String[] addr = address(t);
        String phone = phone(t, erp);
        String email = email(t);
        String siret = t.company ? siretText(t) : "";
        String[] f = {t.id, name, addr[0], addr[1], addr[2], phone, email, siret};
        for (int i = 1; i <= 4; i++) {
            if (noAccents) {
                f[i] = strip(f[i]);
            }
            if (upper && i != 3) {
                f[i] = f[i].toUpperCase(Locale.ROOT);
            }
        }
        return f;
    }

    private String personName(Truth t, boolean erp) {
        String given = t.given;
        String surname = t.surname;
        if (given.contains("-") && chance(0.3)) {
            given = given.replace('-', ' ');
        }
        if (chance(noise.typoGiven())) {
            given = typo(given);
        }
        if (chance(noise.typoName())) {
            surname = typo(surname);
        }
        if (chance(noise.initial())) {
            given = given.charAt(0) + ".";
        } else if (chance(noise.givenMissing())) {
            given = "";
        }
        String civility = "";
        double c = rnd.nextDouble();
        if (c < 0.06) {
            civility = "M. et Mme";
            given = chance(0.5) ? "" : given;
        } else if (c < 0.35) {
            civility = pick(List.of("M.", "Mme", "Monsieur", "Madame", "Mr", "M", "MME"));
        }
        boolean surnameFirst = erp ^ chance(noise.swapOrder());
        String core;
        if (given.isEmpty()) {
            core = surname;
        } else if (surnameFirst) {
            core = surname.toUpperCase(Locale.ROOT) + " " + given;
        } else {
            core = given + " " + (chance(0.5) ? surname.toUpperCase(Locale.ROOT) : surname);
        }
        if (!t.suffix.isEmpty() && chance(0.92)) {
            core = core + " " + (t.suffix.equals("jr") ? pick(List.of("fils", "Fils", "Jr", "junior"))
                    : pick(List.of("père", "Père", "Sr", "senior")));
        }
        return civility.isEmpty() ? core : civility + " " + core;
    }

    private String companyName(Truth t) {
        String n = t.companyName;
        if (chance(noise.typoName())) {
            n = typo(n);
        }
        if (n.startsWith("Cabinet ") || !chance(0.1)) {
            // as is
        } else {
            n = pick(List.of("Ets ", "Ets. ", "Établissements ", "Entreprise ")) + n;
        }
        String legal = t.legalForm;
        double r = rnd.nextDouble();
        if (r < 0.25) {
            return n;
        }
        if (chance(0.3)) {
            legal = String.join(".", legal.split("")) + ".";
        } else if (chance(0.2)) {
            legal = legal.charAt(0) + legal.substring(1).toLowerCase(Locale.ROOT);
        }
        return r < 0.6 ? n + " " + legal : (r < 0.9 ? legal + " " + n : n + " (" + legal + ")");
    }

    private static final Map<String, List<String>> TYPE_FORMS = Map.ofEntries(
            Map.entry("rue", List.of("rue", "Rue", "R.", "r", "RUE")),
            Map.entry("avenue", List.of("avenue", "Av.", "av", "Ave", "AV", "Avenue")),
            Map.entry("boulevard", List.of("boulevard", "Bd", "bd.", "Bld", "Boul.", "Bvd")),
            Map.entry("chemin", List.of("chemin", "Ch.", "Chem.", "ch", "Chemin")),
            Map.entry("impasse", List.of("impasse", "Imp.", "imp", "Impasse")),
            Map.entry("route", List.of("route", "Rte", "rte.", "Route", "RTE")),
            Map.entry("place", List.of("place", "Pl.", "pl", "Place")),
            Map.entry("allée", List.of("allée", "All.", "allee", "Allée")),
            Map.entry("quai", List.of("quai", "Quai", "Q.")),
            Map.entry("faubourg", List.of("faubourg", "Fg", "Fbg", "Faubourg")),
            Map.entry("square", List.of("square", "Sq.", "Square")),
            Map.entry("cours", List.of("cours", "Crs", "Cours")),
            Map.entry("passage", List.of("passage", "Pass.", "Passage")),
            Map.entry("lotissement", List.of("lotissement", "Lot.", "Lotissement")),
            Map.entry("résidence", List.of("résidence", "Rés.", "Résidence", "res")),
            Map.entry("hameau", List.of("hameau", "Hameau", "Ham.")));

    private String[] address(Truth t) {
        String number = t.number;
        String type = t.type;
        String street = t.street;
        String[] town = t.town;
        if (chance(noise.moved()) && !t.site) {
            Truth moved = new Truth();
            newAddress(moved);
            if (chance(0.5)) {
                town = moved.town;
            } else {
                String[] other = zipf(streetsOf(town), 0.3);
                moved.type = other[0];
                moved.street = other[1];
            }
            number = moved.number;
            type = moved.type;
            street = moved.street;
        }
        String address;
        if (chance(noise.addressMissing())) {
            address = "";
        } else {
            String num = number;
            double r = rnd.nextDouble();
            if (num.endsWith(" bis") || num.endsWith(" ter")) {
                if (r < 0.4) {
                    num = num.replace(" bis", "B").replace(" ter", "T");
                } else if (r < 0.6) {
                    num = num.replace(" bis", "bis").replace(" ter", "ter");
                }
            } else if (r < 0.08) {
                num = num + ",";
            } else if (r < 0.12) {
                num = "n°" + num;
            }
            String ty = pick(TYPE_FORMS.getOrDefault(type, List.of(type)));
            if (chance(noise.typoStreet() / 2)) {
                ty = typo(ty);
            }
            String st = street;
            if (st.contains("Saint-") && chance(0.5)) {
                st = st.replace("Saint-", pick(List.of("St-", "St ", "ST ")));
            }
            if (st.contains("Sainte-") && chance(0.5)) {
                st = st.replace("Sainte-", pick(List.of("Ste-", "Ste ")));
            }
            if (st.contains("Général") && chance(0.4)) {
                st = st.replace("Général", "Gal");
            }
            if (chance(noise.typoStreet())) {
                st = typo(st);
            }
            if (chance(0.15) && (st.startsWith("de ") || st.startsWith("du ") || st.startsWith("des "))) {
                st = st.substring(st.indexOf(' ') + 1);
            }
            boolean noNumber = chance(0.03);
            address = (noNumber ? "" : num + " ") + ty + " " + st;
            if (chance(noise.complement())) {
                String comp = pick(List.of("Bât. B", "Apt 12", "bat A", "Résidence Les Pins", "2e étage", "Esc. C"));
                address = chance(0.5) ? comp + ", " + address : address + " " + comp;
            }
        }
        String postcode = town[1];
        String city = town[0];
        if (t.company && !address.isEmpty() && chance(noise.cedex())) {
            address = address + " " + pick(List.of("BP ", "CS ", "B.P. ")) + rnd.nextInt(10, 9999);
            postcode = postcode.substring(0, 3) + "0" + (1 + rnd.nextInt(9));
            city = city + " CEDEX" + (chance(0.3) ? " " + (1 + rnd.nextInt(9)) : "");
        }
        if (chance(noise.postcodeMissing())) {
            postcode = "";
        } else if (chance(noise.postcodeTypo())) {
            char[] c = postcode.toCharArray();
            int i = 2 + rnd.nextInt(2);
            char x = c[i];
            c[i] = c[i + 1];
            c[i + 1] = x;
            if (c[i] == c[i + 1]) {
                c[4] = (char) ('0' + rnd.nextInt(10));
            }
            postcode = new String(c);
        } else if (chance(0.03)) {
            postcode = postcode.substring(0, 2) + " " + postcode.substring(2);
        }
        if (chance(noise.cityMissing())) {
            city = "";
        } else {
            if (city.contains("Saint-") && chance(0.5)) {
                city = city.replace("Saint-", "St-");
            }
            if (chance(0.2)) {
                city = city.replace('-', ' ');
            }
            if (chance(noise.typoCity())) {
                city = typo(city);
            }
        }
        return new String[] {address, postcode, city};
    }

    private String phone(Truth t, boolean unused) {
        if (chance(noise.phoneMissing())) {
            return "";
        }
        String number;
        if (t.mobile != null && t.landline != null) {
            boolean primaryMobile = !t.company;
            number = chance(0.8) == primaryMobile ? t.mobile : t.landline;
            if (chance(0.04)) {
                return format(t.landline) + " / " + format(t.mobile);
            }
        } else {
            number = t.mobile != null ? t.mobile : t.landline;
        }
        if (number == null) {
            return "";
        }
        if (chance(noise.phoneOther())) {
            number = number.startsWith("0")  && number.charAt(1) >= '6' ? landline() : mobile();
        }
        if (chance(noise.phoneTypo())) {
            char[] c = number.toCharArray();
            int i = 4 + rnd.nextInt(5);
            char x = c[i];
            c[i] = c[i + 1];
            c[i + 1] = x;
            number = new String(c);
        }
        return format(number);
    }

    private String format(String n) {
        String rest = n.substring(1);
        return switch (rnd.nextInt(9)) {
            case 0, 1 -> spaced(n, " ");
            case 2 -> spaced(n, ".");
            case 3 -> n;
            case 4 -> "+33 " + rest.charAt(0) + " " + spaced(rest.substring(1), " ");
            case 5 -> "+33" + rest;
            case 6 -> "0033 " + spaced(rest, " ").trim();
            case 7 -> "+33 (0)" + spaced(rest, " ");
            default -> spaced(n, "-");
        };
    }

    private static String spaced(String d, String sep) {
        StringBuilder b = new StringBuilder();
        int start = d.length() % 2;
        if (start == 1) {
            b.append(d.charAt(0));
        }
        for (int i = start; i < d.length(); i += 2) {
            if (!b.isEmpty()) {
                b.append(sep);
            }
            b.append(d, i, i + 2);
        }
        return b.toString();
    }

    private String email(Truth t) {
        if (t.email == null || chance(noise.emailMissing())) {
            return "";
        }
        String e = t.email;
        if (chance(noise.emailOther())) {
            e = t.company ? "compta@" + e.substring(e.indexOf('@') + 1)
                    : e.substring(0, e.indexOf('@')) + "@" + pick(p.emailDomains());
        }
        if (chance(0.1)) {
            e = e.toUpperCase(Locale.ROOT);
        } else if (chance(0.05)) {
            e = Character.toUpperCase(e.charAt(0)) + e.substring(1);
        }
        return e;
    }

    private String siretText(Truth t) {
        if (t.siret == null || chance(noise.siretMissing())) {
            return "";
        }
        String s = t.siret;
        if (chance(noise.sirenOnly())) {
            s = s.substring(0, 9);
        }
        if (chance(noise.siretTypo())) {
            char[] c = s.toCharArray();
            int i = rnd.nextInt(c.length);
            c[i] = (char) ('0' + (c[i] - '0' + 1 + rnd.nextInt(8)) % 10);
            s = new String(c);
        }
        return switch (rnd.nextInt(4)) {
            case 0 -> s;
            case 1 -> s.length() == 14 ? s.substring(0, 3) + " " + s.substring(3, 6) + " " + s.substring(6, 9) + " "
                    + s.substring(9) : s.substring(0, 3) + " " + s.substring(3, 6) + " " + s.substring(6);
            case 2 -> s.length() == 14 ? s.substring(0, 9) + " " + s.substring(9) : s;
            default -> s.replaceAll("(\\d{3})(?=\\d)", "$1.");
        };
    }

    /** One typing slip: two letters swapped, one dropped, doubled or replaced (not the first letter). */
    private String typo(String s) {
        if (s.length() < 4) {
            return s;
        }
        char[] c = s.toCharArray();
        int i = 1 + rnd.nextInt(c.length - 2);
        if (!Character.isLetter(c[i])) {
            return s;
        }
        StringBuilder b = new StringBuilder(s);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                if (Character.isLetter(c[i + 1])) {
                    b.setCharAt(i, c[i + 1]);
                    b.setCharAt(i + 1, c[i]);
                }
            }
            case 1 -> b.deleteCharAt(i);
            case 2 -> b.insert(i, c[i]);
            default -> b.setCharAt(i, (char) ('a' + rnd.nextInt(26)));
        }
        return b.toString();
    }

    private static String strip(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
