package fr.relais.demo;

import fr.relais.demo.DemoData.ErpCustomer;
import fr.relais.demo.DemoData.ErpIntervention;
import fr.relais.demo.DemoData.ErpJob;
import fr.relais.demo.DemoData.RealCustomer;
import fr.relais.demo.DemoData.SageAccount;
import fr.relais.demo.DemoData.SageDocument;
import fr.relais.demo.DemoData.SageLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates the demo data of the simulated ERP and Sage from small word lists ({@code demo/words/}) and a
 * fixed seed: the same seed and day give the same data, row for row.
 * <p>
 * About 200 real customers around Annecy, each typed by hand into the ERP, into Sage, or both, with the
 * mess of two hand-typed databases: accents dropped, upper case, abbreviated street types, phone formats,
 * "M. Jean Dupont" against "DUPONT Jean", legal forms written three ways, the mobile typed in Sage's fax
 * column, merged communes (Seynod typed as Annecy), a few typos, duplicates inside one system, namesakes,
 * a syndic with several sites, dormant Sage accounts, suppliers, and a few invalid rows. Then jobs and
 * interventions in the ERP, quotes, orders, deliveries and invoices in Sage.
 */
public final class DemoDataGenerator {

    /** The seed of the demo mode. */
    public static final long DEFAULT_SEED = 74000L;

    /** Number of real customers behind the two databases in the demo. */
    public static final int REAL_CUSTOMERS = 200;

    /** The special cases below are placed in every block of this many real customers. */
    private static final int BLOCK = 200;

    private static final int[] ERP_DUPLICATES = {3, 17, 41, 88};
    private static final int[] SAGE_DUPLICATES = {9, 52, 120};
    private static final int[] NAMESAKE_PAIRS = {30, 70, 140};
    private static final int SYNDIC = 100;

    private static final java.util.regex.Pattern PAIRS = java.util.regex.Pattern.compile("(\\d{2})(?=\\d)");
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
    private static final java.util.regex.Pattern NOT_LOWER_LETTER = java.util.regex.Pattern.compile("[^a-z]");
    private static final java.util.regex.Pattern DOUBLED = java.util.regex.Pattern.compile("([a-z])\\1");

    private final Random random;
    private final LocalDate today;
    private final LocalDateTime now;

    private final List<City> cities = new ArrayList<>();
    private final List<String> streets = WordLists.lines("streets.txt");
    private final Map<String, List<String>> abbreviations = new HashMap<>();
    private final List<String> complements = WordLists.lines("complements.txt");
    private final List<String> surnames = WordLists.lines("surnames.txt");
    private final List<String[]> firstNames = WordLists.fields("first-names.txt");
    private final Map<String, String[]> civilities = new HashMap<>();
    private final List<String> companyPatterns = WordLists.lines("companies.txt");
    private final List<String> places = WordLists.lines("places.txt");
    private final List<String[]> legalForms = WordLists.fields("legal-forms.txt");
    private final List<String> emailDomains = WordLists.lines("email-domains.txt");
    private final List<String> technicians = WordLists.lines("technicians.txt");
    private final List<String> brands = WordLists.lines("brands.txt");
    private final List<String[]> jobLabels = WordLists.fields("job-labels.txt");
    private final List<String> maintenanceReports = WordLists.lines("maintenance-reports.txt");
    private final List<String> breakdownReports = WordLists.lines("breakdown-reports.txt");
    private final List<String> worksReports = WordLists.lines("works-reports.txt");
    private final List<String[]> catalogue = WordLists.fields("quote-lines.txt");
    private final List<String[]> suppliers = WordLists.fields("suppliers.txt");

    private final List<ErpCustomer> erpCustomers = new ArrayList<>();
    private final List<ErpJob> erpJobs = new ArrayList<>();
    private final List<ErpIntervention> erpInterventions = new ArrayList<>();
    private final List<SageAccount> sageAccounts = new ArrayList<>();
    private final List<RealCustomer> realCustomers = new ArrayList<>();
    private final Map<String, Integer> ctNumCounters = new HashMap<>();
    private final Map<String, Address> erpCustomerAddress = new HashMap<>();
    private int erpCodeSequence = 0;
    private int jobSequence = 0;
    private long interventionSequence = 0;

    private final int realCount;

    private DemoDataGenerator(long seed, LocalDate today, int realCount) {
        if (realCount < BLOCK) {
            throw new IllegalArgumentException("at least " + BLOCK + " real customers, not " + realCount);
        }
        this.realCount = realCount;
        this.random = new Random(seed);
        this.today = today;
        this.now = today.atTime(7, 0);
        for (String[] f : WordLists.fields("cities.txt")) {
            City city = new City(f[0], f[1], f.length > 3 && !f[3].isEmpty() ? f[3] : null);
            for (int i = 0; i < Integer.parseInt(f[2]); i++) {
                cities.add(city);
            }
        }
        for (String[] f : WordLists.fields("abbreviations.txt")) {
            abbreviations.put(f[0], List.of(f).subList(1, f.length));
        }
        for (String[] f : WordLists.fields("civilities.txt")) {
            civilities.put(f[1], f);
        }
    }

    /** The demo data set for a seed; dates are spread around {@code today} (past and near future). */
    public static DemoData generate(long seed, LocalDate today) {
        return generate(seed, today, REAL_CUSTOMERS);
    }

    /**
     * A bigger (or the same) data set for volume tests: {@code realCustomers} (at least 200) real customers, the
     * duplicates, namesakes and invalid rows repeated in every block of 200 (one syndic only).
     */
    public static DemoData generate(long seed, LocalDate today, int realCustomers) {
        return new DemoDataGenerator(seed, today, realCustomers).generate();
    }

    private DemoData generate() {
        List<Real> reals = new ArrayList<>();
        for (int id = 1; id <= realCount; id++) {
            reals.add(newReal(id));
        }
        for (int offset = 0; offset + BLOCK <= realCount; offset += BLOCK) {
            for (int first : NAMESAKE_PAIRS) {
                Real a = reals.get(offset + first - 1);
                Real b = reals.get(offset + first);
                makePerson(a);
                makePerson(b);
                b.sex = a.sex;
                b.first = a.first;
                b.last = a.last;
                b.email = random.nextBoolean() ? personalEmail(b.first, b.last) : null;
                while (b.city.name.equals(a.city.name)) {
                    b.city = pick(cities);
                }
                a.inErp = a.inSage = b.inErp = b.inSage = true;
                a.notes.add("namesake");
                b.notes.add("namesake");
            }
        }
        Real syndic = reals.get(SYNDIC - 1);
        syndic.company = true;
        syndic.companyName = "Régie du Lac Immobilier";
        syndic.legalForm = legalForms.get(1);
        syndic.city = cityNamed("Annecy");
        syndic.landline = landline();
        syndic.email = "gestion@regie-du-lac-immobilier.fr";
        syndic.siret = luhnSiret();
        syndic.inErp = syndic.inSage = true;
        syndic.notes.add("syndic");
        for (int offset = 0; offset + BLOCK <= realCount; offset += BLOCK) {
            for (int id : ERP_DUPLICATES) {
                reals.get(offset + id - 1).inErp = true;
                reals.get(offset + id - 1).notes.add("duplicate-erp");
            }
            for (int id : SAGE_DUPLICATES) {
                reals.get(offset + id - 1).inSage = true;
                reals.get(offset + id - 1).notes.add("duplicate-sage");
            }
            reals.get(offset + 12).notes.add("bad-input:erp-postcode");
            reals.get(offset + 12).inErp = true;
            reals.get(offset + 60).notes.add("bad-input:erp-no-name");
            reals.get(offset + 60).inErp = true;
            reals.get(offset + 150).notes.add("bad-input:sage-postcode");
            reals.get(offset + 150).inSage = true;
            reals.get(offset + 170).notes.add("bad-input:sage-country");
            reals.get(offset + 170).inSage = true;
        }
        Real badSiret = reals.stream().filter(r -> r.company && r.siret != null && r.inErp && r.notes.isEmpty())
                .findFirst().orElseThrow();
        badSiret.notes.add("bad-input:erp-siret");

        for (Real real : reals) {
            List<String> codes = new ArrayList<>();
            List<String> nums = new ArrayList<>();
            boolean twoSides = real.inErp && real.inSage;
            if (real.inErp) {
                codes.add(addErpCustomer(real, twoSides, false));
                if (real.notes.contains("duplicate-erp")) {
                    codes.add(addErpCustomer(real, true, true));
                }
            }
            if (real.inSage) {
                boolean dormant = !real.inErp && random.nextInt(100) < 12;
                nums.add(addSageAccount(real, twoSides, dormant, false));
                if (real.notes.contains("duplicate-sage")) {
                    nums.add(addSageAccount(real, true, random.nextBoolean(), true));
                }
            }
            if (real == syndic) {
                codes.addAll(addSyndicSites(real));
            }
            List<String> notes = new ArrayList<>();
            notes.add(real.inErp && real.inSage ? "both" : real.inErp ? "erp-only" : "sage-only");
            notes.addAll(real.notes);
            realCustomers.add(new RealCustomer(real.id, real.displayName(), List.copyOf(codes), List.copyOf(nums),
                    List.copyOf(notes)));
        }
        for (String[] supplier : suppliers) {
            LocalDateTime created = pastDateTime(3000, 200).truncatedTo(ChronoUnit.DAYS);
            City city = pick(cities);
            sageAccounts.add(new SageAccount(supplier[0], supplier[1], 1, fit(address(newAddress(city), false), 35), "",
                    city.postcode, fit(stripAccents(city.name).toUpperCase(Locale.ROOT), 35), "France",
                    formatPhone(landline(), random.nextInt(7)), "", "", luhnSiret(), 0, created,
                    minuteAfter(created)));
        }
        addJobsAndInterventions();
        List<SageDocument> documents = new SageDocumentGenerator().generate();
        return new DemoData(List.copyOf(erpCustomers), List.copyOf(erpJobs), List.copyOf(erpInterventions),
                List.copyOf(sageAccounts), documents, List.copyOf(realCustomers));
    }

    // ----------------------------------------------------------------------------------------------
    // Real customers

    private static final class Real {
        int id;
        boolean company;
        String sex;
        String first;
        String last;
        String companyName;
        String[] legalForm;
        Address address;
        City city;
        String landline;
        String mobile;
        String email;
        String siret;
        LocalDateTime created;
        boolean inErp;
        boolean inSage;
        final List<String> notes = new ArrayList<>();

        String displayName() {
            return company ? companyName : first + " " + last;
        }
    }

    private record City(String name, String postcode, String mergedInto) {
    }

    private record Address(int number, String streetType, String streetRest, String complement, City city) {
    }

    private Real newReal(int id) {
        Real r = new Real();
        r.id = id;
        r.company = random.nextInt(100) < 30;
        String[] firstName = pick(firstNames);
        r.first = firstName[0];
        r.sex = firstName[1];
        r.last = pick(surnames);
        r.city = pick(cities);
        if (r.company) {
            String pattern = pick(companyPatterns);
            r.companyName = pattern.replace("{surname}", r.last).replace("{place}", pick(places));
            r.legalForm = r.companyName.startsWith("SCI") || r.companyName.startsWith("EHPAD")
                    || r.companyName.startsWith("Crèche") ? null : pick(legalForms);
            r.landline = landline();
            r.mobile = random.nextInt(100) < 40 ? mobile() : null;
            r.email = random.nextInt(100) < 85
                    ? (random.nextBoolean() ? "contact@" : "accueil@") + slug(r.companyName) + ".fr"
                    : null;
            r.siret = random.nextInt(100) < 90 ? luhnSiret() : null;
        } else {
            r.landline = random.nextInt(100) < 45 ? landline() : null;
            r.mobile = r.landline == null || random.nextInt(100) < 75 ? mobile() : null;
            r.email = random.nextInt(100) < 70 ? personalEmail(r.first, r.last) : null;
        }
        r.created = pastDateTime(8 * 365, 10);
        int presence = random.nextInt(100);
        r.inErp = presence < 82;
        r.inSage = presence < 60 || presence >= 82;
        return r;
    }

    private void makePerson(Real r) {
        if (r.company) {
            r.company = false;
            r.companyName = null;
            r.legalForm = null;
            r.siret = null;
            r.mobile = mobile();
            r.email = random.nextBoolean() ? personalEmail(r.first, r.last) : null;
        }
    }

    private City cityNamed(String name) {
        return cities.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    // ----------------------------------------------------------------------------------------------
    // ERP side

    private String addErpCustomer(Real r, boolean messy, boolean duplicate) {
        String code = String.format("C%05d", ++erpCodeSequence);
        boolean stripAccents = random.nextInt(100) < 10;
        String name;
        if (r.notes.contains("bad-input:erp-no-name") && !duplicate) {
            name = "";
        } else if (r.company) {
            name = companyName(r, random.nextInt(4), stripAccents);
        } else {
            name = erpPersonName(r, random.nextInt(5), duplicate);
        }
        if (messy && random.nextInt(100) < 5) {
            name = typo(name);
        }
        if (r.address == null) {
            r.address = newAddress(r.city);
        }
        Address a = r.address;
        String line1 = address(a, random.nextInt(100) < 30);
        if (random.nextInt(100) < 15) {
            line1 = line1.replaceFirst("^(\\d+) ", "$1, ");
        }
        String line2 = a.complement != null && random.nextInt(100) < 85 ? a.complement : null;
        String city = random.nextInt(100) < 25 ? a.city.name.toUpperCase(Locale.ROOT) : a.city.name;
        if (a.city.mergedInto != null && random.nextInt(100) < 15) {
            city = a.city.mergedInto;
        }
        String postcode = a.city.postcode;
        if (r.notes.contains("bad-input:erp-postcode") && !duplicate) {
            postcode = postcode.substring(0, 3);
        }
        if (stripAccents) {
            line1 = stripAccents(line1);
            city = stripAccents(city);
        }
        String phone = r.landline != null ? formatPhone(r.landline, random.nextInt(7))
                : r.mobile != null && random.nextBoolean() ? formatPhone(r.mobile, random.nextInt(7)) : null;
        String mobile = r.mobile != null && random.nextInt(100) < 90 ? formatPhone(r.mobile, random.nextInt(7)) : null;
        String email = r.email != null && random.nextInt(100) < 90 ? r.email : null;
        if (email != null && random.nextInt(100) < 8) {
            email = capitalize(email);
        }
        String siret = null;
        if (r.siret != null && random.nextInt(100) < 85) {
            siret = r.notes.contains("bad-input:erp-siret") && !duplicate ? breakChecksum(r.siret) : r.siret;
            if (random.nextInt(100) < 30) {
                siret = siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                        + siret.substring(9);
            }
        }
        LocalDateTime created = duplicate ? r.created.plusDays(200 + random.nextInt(400)) : r.created;
        if (created.isAfter(now)) {
            created = now.minusDays(3);
        }
        LocalDateTime modified = between(created, now).withSecond(random.nextInt(60));
        erpCustomers.add(new ErpCustomer(code, name, line1, line2, postcode, city, phone, mobile, email, siret,
                modified));
        erpCustomerAddress.put(code, a);
        return code;
    }

    private String erpPersonName(Real r, int style, boolean duplicate) {
        String civility = civilityVariant(r.sex);
        if (duplicate) {
            return r.last.toUpperCase(Locale.ROOT) + " " + r.first.charAt(0) + ".";
        }
        return switch (style) {
            case 0 -> civility + " " + r.first + " " + r.last;
            case 1 -> r.last.toUpperCase(Locale.ROOT) + " " + r.first;
            case 2 -> r.last + " " + r.first;
            case 3 -> r.first + " " + r.last.toUpperCase(Locale.ROOT);
            default -> civility + " " + r.last.toUpperCase(Locale.ROOT) + " " + r.first;
        };
    }

    private String civilityVariant(String sex) {
        String[] variants = civilities.get(sex);
        return random.nextInt(100) < 70 ? variants[0] : variants[2 + random.nextInt(variants.length - 2)];
    }

    private List<String> addSyndicSites(Real syndic) {
        List<String> codes = new ArrayList<>();
        String[] sites = {"Copropriété Le Bellevue - Régie du Lac", "Résidence Les Tilleuls (Régie du Lac)"};
        for (String site : sites) {
            String code = String.format("C%05d", ++erpCodeSequence);
            Address a = newAddress(pick(cities));
            erpCustomers.add(new ErpCustomer(code, site, address(a, random.nextBoolean()), null, a.city.postcode,
                    a.city.name, formatPhone(syndic.landline, random.nextInt(7)), null, syndic.email, null,
                    between(syndic.created, now).withSecond(random.nextInt(60))));
            erpCustomerAddress.put(code, a);
            codes.add(code);
        }
        return codes;
    }

    // ----------------------------------------------------------------------------------------------
    // Sage side

    private String addSageAccount(Real r, boolean messy, boolean dormant, boolean duplicate) {
        boolean strip = random.nextInt(100) < 55;
        String intitule;
        if (r.company) {
            intitule = companyName(r, random.nextInt(3), strip);
            if (random.nextBoolean()) {
                intitule = intitule.toUpperCase(Locale.ROOT);
            }
        } else {
            intitule = switch (random.nextInt(5)) {
                case 0 -> r.last.toUpperCase(Locale.ROOT) + " " + r.first;
                case 1 -> (r.last + " " + r.first).toUpperCase(Locale.ROOT);
                case 2 -> civilities.get(r.sex)[0] + " " + r.last.toUpperCase(Locale.ROOT) + " " + r.first;
                case 3 -> r.last + " " + r.first;
                default -> r.last.toUpperCase(Locale.ROOT) + " " + r.first.charAt(0) + ".";
            };
        }
        if (duplicate) {
            intitule = r.company ? intitule.toLowerCase(Locale.ROOT) : r.first + " " + r.last;
        }
        if (messy && random.nextInt(100) < 5) {
            intitule = typo(intitule);
        }
        if (strip) {
            intitule = stripAccents(intitule);
        }
        if (r.address == null) {
            r.address = newAddress(r.city);
        }
        Address a = r.address;
        boolean upper = random.nextInt(100) < 35;
        String adresse = address(a, random.nextInt(100) < 50);
        if (adresse.length() > 35) {
            adresse = address(a, true);
        }
        String complement = a.complement == null ? "" : a.complement;
        if (!complement.isEmpty() && random.nextInt(100) < 20) {
            String swap = adresse;
            adresse = complement;
            complement = swap;
        }
        String ville = a.city.name;
        if (a.city.mergedInto != null && random.nextInt(100) < 30) {
            ville = a.city.mergedInto;
        }
        if (random.nextInt(100) < 60) {
            ville = stripAccents(ville).toUpperCase(Locale.ROOT).replace('-', ' ');
        }
        if (upper) {
            adresse = adresse.toUpperCase(Locale.ROOT);
            complement = complement.toUpperCase(Locale.ROOT);
        }
        if (strip) {
            adresse = stripAccents(adresse);
            complement = stripAccents(complement);
            ville = stripAccents(ville);
        }
        String codePostal = a.city.postcode;
        if (r.notes.contains("bad-input:sage-postcode") && !duplicate) {
            codePostal = codePostal.substring(0, 4);
        } else if (random.nextInt(100) < 5) {
            codePostal = codePostal.substring(0, 2) + " " + codePostal.substring(2);
        }
        String pays = switch (random.nextInt(4)) {
            case 0 -> "FRANCE";
            case 1 -> "";
            default -> "France";
        };
        if (r.notes.contains("bad-input:sage-country") && !duplicate) {
            pays = "Frnace";
        }
        String telephone = r.landline != null ? formatPhone(r.landline, random.nextInt(7))
                : r.mobile != null ? formatPhone(r.mobile, random.nextInt(7)) : "";
        String telecopie = r.landline != null && r.mobile != null && random.nextInt(100) < 30
                ? formatPhone(r.mobile, random.nextInt(7)) // the mobile typed in the fax column
                : r.company && random.nextInt(100) < 30 ? formatPhone(landline(), random.nextInt(7)) : "";
        String email = r.email == null || random.nextInt(100) < 20 ? "" : r.email;
        if (!email.isEmpty() && random.nextInt(100) < 10) {
            email = email.toUpperCase(Locale.ROOT);
        } else if (!email.isEmpty() && !r.company && random.nextInt(100) < 8) {
            email = personalEmail(r.first, r.last); // an older address
        }
        String siret = r.siret != null && random.nextInt(100) < 70 ? r.siret : "";
        LocalDateTime created = (duplicate ? r.created.plusDays(100 + random.nextInt(500)) : r.created)
                .truncatedTo(ChronoUnit.DAYS);
        if (created.isAfter(now)) {
            created = now.truncatedTo(ChronoUnit.DAYS).minusDays(2);
        }
        String ctNum = ctNum(r);
        sageAccounts.add(new SageAccount(ctNum, fit(intitule, 69), 0, fit(adresse, 35), fit(complement, 35),
                codePostal, fit(ville, 35), pays, telephone, telecopie, fit(email, 69), siret,
                dormant ? 1 : 0, created, minuteAfter(created)));
        if (dormant) {
            r.notes.add("dormant");
        }
        return ctNum;
    }

    /** Sage account numbers as typed by hand: the name in capitals and a two-digit counter. */
    private String ctNum(Real r) {
        String base = stripAccents(r.company ? significantWord(r.companyName) : r.last)
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        base = base.substring(0, Math.min(10, base.length()));
        int n = ctNumCounters.merge(base, 1, Integer::sum);
        return base + String.format("%02d", n);
    }

    private static String significantWord(String companyName) {
        String best = "";
        for (String word : companyName.split("[ '-]")) {
            if (word.length() > best.length() && !word.equalsIgnoreCase("Boulangerie")
                    && !word.equalsIgnoreCase("Restaurant") && !word.equalsIgnoreCase("Pharmacie")) {
                best = word;
            }
        }
        return best.isEmpty() ? companyName : best;
    }

    // ----------------------------------------------------------------------------------------------
    // Jobs and interventions

    private void addJobsAndInterventions() {
        for (ErpCustomer customer : erpCustomers) {
            boolean syndicSite = customer.name().contains("Régie du Lac");
            int count = syndicSite ? 2 + random.nextInt(2) : weighted(25, 45, 20, 10);
            for (int i = 0; i < count; i++) {
                addJob(customer);
            }
        }
    }

    private void addJob(ErpCustomer customer) {
        String[] label = pick(jobLabels);
        String kind = label[1];
        LocalDate start = today.minusDays(random.nextInt(730)).plusDays(60);
        String code = String.format("CH%02d-%04d", start.getYear() % 100, ++jobSequence);
        Address site = erpCustomerAddress.get(customer.code());
        String siteAddress = customer.address1();
        String sitePostcode = customer.postcode();
        String siteCity = customer.city();
        if (random.nextInt(100) < 15 || site == null) {
            site = newAddress(pick(cities));
            siteAddress = address(site, random.nextBoolean());
            sitePostcode = site.city.postcode;
            siteCity = site.city.name;
        }
        String status;
        LocalDate end = null;
        if (start.isAfter(today)) {
            status = "PREVU";
        } else if (random.nextInt(100) < 5) {
            status = "ANNULE";
        } else if (kind.equals("ENTRETIEN")) {
            status = start.isAfter(today.minusDays(365)) ? "EN_COURS" : "TERMINE";
            end = status.equals("TERMINE") ? start.plusDays(365) : null;
        } else {
            LocalDate plannedEnd = start.plusDays(kind.equals("TRAVAUX") ? 1 + random.nextInt(15) : random.nextInt(3));
            if (plannedEnd.isBefore(today)) {
                status = "TERMINE";
                end = plannedEnd;
            } else {
                status = "EN_COURS";
            }
        }
        LocalDateTime modified = min(now, (end != null ? end : start).atTime(17, random.nextInt(60), random.nextInt(60)));
        erpJobs.add(new ErpJob(code, customer.code(), label[0], siteAddress, sitePostcode, siteCity, status, start,
                end, modified));
        int visits = switch (kind) {
            case "TRAVAUX" -> 1 + random.nextInt(3);
            case "ENTRETIEN" -> 1 + (status.equals("TERMINE") ? 1 : 0);
            default -> 1 + (random.nextInt(100) < 25 ? 1 : 0);
        };
        for (int v = 0; v < visits; v++) {
            String type = kind;
            if (kind.equals("ENTRETIEN") && random.nextInt(100) < 10) {
                type = "DEPANNAGE";
            }
            LocalDate day = start.plusDays(kind.equals("ENTRETIEN") ? v * 330L : v * (1L + random.nextInt(5)));
            addIntervention(code, customer.code(), type, day, status.equals("ANNULE"));
        }
    }

    private void addIntervention(String jobCode, String customerCode, String type, LocalDate day, boolean cancelled) {
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        LocalTime[] slots = {LocalTime.of(8, 0), LocalTime.of(10, 0), LocalTime.of(13, 30), LocalTime.of(15, 30)};
        LocalDateTime plannedStart = day.atTime(pick(List.of(slots)));
        LocalDateTime plannedEnd = plannedStart.plusMinutes(type.equals("TRAVAUX") ? 180 : 90);
        String status;
        LocalDateTime finishedAt = null;
        String report = null;
        if (cancelled || (plannedEnd.isBefore(now) && random.nextInt(100) < 6)) {
            status = "ANNULEE";
        } else if (plannedEnd.isBefore(now)) {
            status = "TERMINEE";
            finishedAt = plannedEnd.plusMinutes(random.nextInt(60) - 20);
            report = report(type);
        } else {
            status = "PLANIFIEE";
        }
        LocalDateTime modified = finishedAt != null ? finishedAt.plusMinutes(5 + random.nextInt(120))
                : min(now, plannedStart.minusDays(1 + random.nextInt(10)));
        erpInterventions.add(new ErpIntervention(++interventionSequence, jobCode, customerCode, pick(technicians), type,
                plannedStart, plannedEnd, finishedAt, status, report, min(now, modified)));
    }

    private String report(String type) {
        String template = switch (type) {
            case "ENTRETIEN" -> pick(maintenanceReports);
            case "DEPANNAGE" -> pick(breakdownReports);
            default -> pick(worksReports);
        };
        return template.replace("{brand}", pick(brands))
                .replace("{co}", String.valueOf(5 + random.nextInt(55)))
                .replace("{pressure}", type.equals("DEPANNAGE") ? "0," + (3 + random.nextInt(4)) : "1," + (2 + random.nextInt(6)));
    }

    // ----------------------------------------------------------------------------------------------
    // Sage documents

    /**
     * Quotes and what became of them. Sage moves the lines of a document when it is transformed (quote to
     * order, order to delivery, delivery to invoice): only the last document of a chain exists, and its lines
     * keep the numbers of the documents they came from (DL_PieceDE, DL_PieceBC, DL_PieceBL).
     */
    private final class SageDocumentGenerator {

        private final class Step {
            final int type;
            final LocalDateTime date;
            String piece;

            Step(int type, LocalDateTime date) {
                this.type = type;
                this.date = date;
            }
        }

        private record Chain(String tiers, int quoteStatus, List<Step> steps, List<String[]> articles,
                             List<Integer> quantities) {
        }

        List<SageDocument> generate() {
            List<Chain> chains = new ArrayList<>();
            for (SageAccount account : sageAccounts) {
                if (account.type() != 0) {
                    continue;
                }
                if (account.sommeil() == 1) {
                    chains.add(directInvoice(account.ctNum(), 900 + random.nextInt(900)));
                    continue;
                }
                int quotes = weighted(35, 45, 15, 5);
                for (int q = 0; q < quotes; q++) {
                    chains.add(quoteChain(account.ctNum()));
                }
                if (random.nextInt(100) < 15) {
                    chains.add(directInvoice(account.ctNum(), random.nextInt(500)));
                }
            }
            number(chains);
            List<SageDocument> documents = new ArrayList<>();
            for (Chain chain : chains) {
                documents.add(render(chain));
            }
            documents.sort(Comparator.comparing(SageDocument::date).thenComparing(SageDocument::piece));
            return List.copyOf(documents);
        }

        private Chain quoteChain(String tiers) {
            int age = random.nextInt(540);
            LocalDateTime date = today.minusDays(age).atTime(9 + random.nextInt(8), random.nextInt(60));
            int status;
            if (age < 30) {
                status = weighted(50, 20, 30);
            } else {
                status = weighted(40, 5, 55);
            }
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(0, date));
            if (status == 2 && age > 10 && random.nextInt(100) < 70) {
                LocalDateTime order = date.plusDays(3 + random.nextInt(8));
                steps.add(new Step(1, order));
                LocalDateTime delivery = order.plusDays(5 + random.nextInt(25));
                if (delivery.isBefore(now.minusDays(5)) && random.nextInt(100) < 70) {
                    steps.add(new Step(3, delivery));
                    LocalDateTime invoice = delivery.plusDays(random.nextInt(10));
                    if (invoice.isBefore(now) && random.nextInt(100) < 85) {
                        steps.add(new Step(invoice.isBefore(now.minusDays(60)) && random.nextInt(100) < 80 ? 7 : 6,
                                invoice));
                    }
                }
            }
            int lineCount = 1 + random.nextInt(5);
            List<String[]> articles = new ArrayList<>(catalogue);
            java.util.Collections.shuffle(articles, random);
            articles = new ArrayList<>(articles.subList(0, lineCount));
            List<Integer> quantities = new ArrayList<>();
            for (String[] article : articles) {
                quantities.add(1 + random.nextInt(Integer.parseInt(article[3])));
            }
            return new Chain(tiers, status, steps, articles, quantities);
        }

        private Chain directInvoice(String tiers, int age) {
            LocalDateTime date = today.minusDays(age).atTime(9 + random.nextInt(8), random.nextInt(60));
            List<String[]> articles = new ArrayList<>();
            List<Integer> quantities = new ArrayList<>();
            for (String[] article : catalogue) {
                if (article[0].equals("DEPL") || article[0].equals("MOCHAUF") || article[0].equals("FOURNDIV")) {
                    articles.add(article);
                    quantities.add(article[0].equals("MOCHAUF") ? 1 + random.nextInt(3) : 1);
                }
            }
            int type = date.isBefore(now.minusDays(60)) ? 7 : 6;
            return new Chain(tiers, 0, List.of(new Step(type, date)), articles, quantities);
        }

        /** Numbers every step in date order, per prefix, as Sage's counters would have. */
        private void number(List<Chain> chains) {
            List<Step> all = new ArrayList<>();
            chains.forEach(c -> all.addAll(c.steps()));
            all.sort(Comparator.comparing((Step s) -> s.date));
            Map<String, Integer> counters = new LinkedHashMap<>();
            for (Step step : all) {
                String prefix = switch (step.type) {
                    case 0 -> "DE";
                    case 1 -> "BC";
                    case 3 -> "BL";
                    default -> "FA";
                };
                int n = counters.merge(prefix, 1, Integer::sum);
                step.piece = prefix + String.format("%05d", n);
            }
        }

        private SageDocument render(Chain chain) {
            Step last = chain.steps().get(chain.steps().size() - 1);
            String pieceDE = "";
            String pieceBC = "";
            String pieceBL = "";
            for (Step step : chain.steps()) {
                if (step == last) {
                    break;
                }
                switch (step.type) {
                    case 0 -> pieceDE = step.piece;
                    case 1 -> pieceBC = step.piece;
                    case 3 -> pieceBL = step.piece;
                    default -> { }
                }
            }
            List<SageLine> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < chain.articles().size(); i++) {
                String[] article = chain.articles().get(i);
                BigDecimal qty = BigDecimal.valueOf(chain.quantities().get(i)).setScale(6, RoundingMode.UNNECESSARY);
                BigDecimal price = new BigDecimal(article[2]).setScale(6, RoundingMode.UNNECESSARY);
                BigDecimal amount = qty.multiply(price).setScale(6, RoundingMode.HALF_UP);
                total = total.add(amount);
                lines.add(new SageLine((i + 1) * 1000, article[0], fit(article[1], 69), qty, price, amount,
                        pieceDE, pieceBC, pieceBL));
            }
            String ref = fit(stripAccents(chain.articles().get(0)[1].split(" ")[0]).toUpperCase(Locale.ROOT) + " "
                    + chain.tiers().replaceAll("[0-9]", ""), 17);
            int statut = last.type == 0 ? chain.quoteStatus() : 0;
            LocalDateTime modified = min(now, last.date.plusMinutes(1 + random.nextInt(240)))
                    .truncatedTo(ChronoUnit.MINUTES);
            return new SageDocument(0, last.type, last.piece, last.date.truncatedTo(ChronoUnit.DAYS), ref,
                    chain.tiers(), statut, total, modified, List.copyOf(lines));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Small pieces

    private Address newAddress(City city) {
        String complement = random.nextInt(100) < 25 ? pick(complements) : null;
        return new Address(1 + random.nextInt(120), null, pick(streets), complement, city);
    }

    /** "12 avenue de Genève", or with the street type abbreviated as typed by hand ("12 av. de Genève"). */
    private String address(Address a, boolean abbreviate) {
        String street = a.streetRest;
        if (abbreviate) {
            String type = street.substring(0, street.indexOf(' '));
            List<String> abbr = abbreviations.get(type);
            if (abbr != null) {
                street = pick(abbr) + street.substring(type.length());
            }
        }
        return a.number + " " + street;
    }

    private String companyName(Real r, int style, boolean strip) {
        String name = r.companyName;
        if (r.legalForm != null) {
            String form = r.legalForm[1 + random.nextInt(r.legalForm.length - 1)];
            name = switch (style) {
                case 0 -> name;
                case 1 -> name + " " + form;
                case 2 -> form + " " + name;
                default -> name + " (" + form + ")";
            };
        }
        return strip ? stripAccents(name) : name;
    }

    private String personalEmail(String first, String last) {
        String f = NOT_LOWER_LETTER.matcher(stripAccents(first).toLowerCase(Locale.ROOT)).replaceAll("");
        String l = NOT_LOWER_LETTER.matcher(stripAccents(last).toLowerCase(Locale.ROOT)).replaceAll("");
        String local = switch (random.nextInt(4)) {
            case 0 -> f + "." + l;
            case 1 -> f.charAt(0) + l + (70 + random.nextInt(30));
            case 2 -> l + "." + f;
            default -> "famille." + l;
        };
        return local + "@" + pick(emailDomains);
    }

    private String landline() {
        return "0450" + digits(6);
    }

    private String mobile() {
        return (random.nextInt(100) < 70 ? "06" : "07") + digits(8);
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }

    /** A French number (10 digits) in one of the formats people type. */
    static String formatPhone(String digits, int style) {
        String national = digits.substring(1);
        String pairs = PAIRS.matcher(digits).replaceAll("$1 ");
        String nationalPairs = PAIRS.matcher(national.substring(1)).replaceAll("$1 ");
        return switch (style) {
            case 0 -> pairs;
            case 1 -> digits;
            case 2 -> "+33 " + national.charAt(0) + " " + nationalPairs;
            case 3 -> pairs.replace(' ', '.');
            case 4 -> "+33" + national;
            case 5 -> pairs.replace(' ', '-');
            default -> "+33 (0)" + national.charAt(0) + " " + nationalPairs;
        };
    }

    /** A SIRET whose SIREN and whole number pass the Luhn checksum. */
    private String luhnSiret() {
        String siren = luhnComplete(digits(8));
        return luhnComplete(siren + "000" + (1 + random.nextInt(5)));
    }

    static String luhnComplete(String digits) {
        for (int d = 0; d < 10; d++) {
            if (luhnValid(digits + d)) {
                return digits + d;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static String breakChecksum(String siret) {
        char last = siret.charAt(siret.length() - 1);
        return siret.substring(0, siret.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    /** A typo as typed in a hurry: a doubled letter typed once, or two letters swapped. */
    private String typo(String s) {
        var doubled = DOUBLED.matcher(s);
        if (doubled.find()) {
            return s.substring(0, doubled.start()) + s.substring(doubled.start() + 1);
        }
        int i = 1 + random.nextInt(Math.max(1, s.length() - 3));
        if (i + 1 < s.length() && Character.isLowerCase(s.charAt(i)) && Character.isLowerCase(s.charAt(i + 1))) {
            return s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
        }
        return s;
    }

    static String stripAccents(String s) {
        String decomposed = Normalizer.normalize(s.replace("œ", "oe").replace("Œ", "OE"), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("");
    }

    private static String slug(String s) {
        return stripAccents(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String fit(String s, int length) {
        return s == null || s.length() <= length ? s : s.substring(0, length).stripTrailing();
    }

    private int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private LocalDateTime pastDateTime(int maxDaysAgo, int minDaysAgo) {
        int days = minDaysAgo + random.nextInt(maxDaysAgo - minDaysAgo);
        return today.minusDays(days).atTime(8 + random.nextInt(10), random.nextInt(60));
    }

    /** A time between two others, during office hours when possible (people type in the daytime). */
    private LocalDateTime between(LocalDateTime from, LocalDateTime to) {
        long minutes = Math.max(1, ChronoUnit.MINUTES.between(from, to));
        LocalDateTime t = from.plusMinutes((long) (random.nextDouble() * minutes));
        if (t.getHour() < 8 || t.getHour() >= 19) {
            LocalDateTime daytime = t.withHour(8 + t.getMinute() % 10);
            if (!daytime.isBefore(from) && !daytime.isAfter(to)) {
                return daytime;
            }
        }
        return t;
    }

    /** A Sage modification time after a creation, at minute precision and not in the future. */
    private LocalDateTime minuteAfter(LocalDateTime created) {
        return between(created, now).truncatedTo(ChronoUnit.MINUTES);
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
