package fr.relais.customer.match;

import fr.relais.customer.match.FieldComparison.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores a pair of normalised records: each field comparison adds log-odds points from the
 * configuration; the score is the logistic of the prior plus the points. Comparisons that must never
 * be linked through (two valid SIRENs that differ, two different given names, fils / père) set a veto.
 */
public final class PairScorer {

    /** How many records of the compared systems hold an identifier (shared ones count less). */
    public interface IdentifierCounts {
        int count(String key);

        /**
         * Holders of an identifier ("T|...", "E|...") that could be the customer of a pair named {@code a} and
         * {@code b}: a holder whose name shares no word with either is a number typed or reused by chance, not a
         * household or a company's sites. Without that knowledge, every holder.
         */
        default int holders(String key, CustomerName a, CustomerName b) {
            return count(key);
        }

        /** The persons (records with a surname, not companies) counted; 0 when unknown. */
        default int persons() {
            return 0;
        }

        IdentifierCounts NONE = key -> 1;
    }

    /** Points and veto of a pair; {@link #score()} is the probability-like value in [0, 1]. */
    public record Score(double points, boolean veto, double score) {
    }


    private final double prior;
    private final double siretEqual, sirenSiteDiffers, sirenDiffers, rawIdsEqual;
    private final double mobileEqual, landlineEqual, phoneClose, phoneDiffers, emailEqual, emailDiffers;
    private final double surnameEqual, surnameClose, surnameDiffers;
    private final double givenEqual, givenCompatible, givenClose, givenDiffers, suffixDiffers;
    private final double companyEqual, companyClose, companyDiffers, kindDiffers;
    private final double numberEqual, numberDiffers, streetEqual, streetClose, streetDiffers, addressFloor;
    private final double postcodeEqual, postcodeDiffers, cityEqual;
    private final double simSurnameClose, simGivenClose, simCompanyEqual, simCompanyClose;
    private final double simStreetEqual, simStreetClose, simStreetDiffers;
    /**
     * Below this similarity a company name (or a name without given names) scores as "different" whatever
     * the exact value: 0.8 or the lowest configured name threshold.
     */
    private final double similarityFloor;

    private final double maxAddressPoints;
    /** The most the names can add (equal company names, or equal surname and given name). */
    private final double maxNamePoints;
    private final double movedAddressKept;
    private final double uniqueNameAddressKept;
    private final int uniqueNameSurnameHolders;
    private final boolean uniqueNameSameTownAnySurname;
    private final double uniqueNameExpectedNamesakes;
    private final boolean uniqueSurnameInTown;
    private final double rareSurnameLift;
    /** What the rare-name lift can add: the early stops leave a pair only when even this cannot save it. */
    private final double liftMargin;
    private final double cutoffPoints;

    public PairScorer(MatchingConfig c) {
        prior = c.prior();
        double review = c.reviewThreshold();
        cutoffPoints = Math.log(review / (1 - review)) - c.prior();
        siretEqual = c.weight("siret-equal");
        sirenSiteDiffers = c.weight("siren-equal-site-differs");
        sirenDiffers = c.weight("siren-differs");
        rawIdsEqual = c.weight("raw-ids-equal");
        mobileEqual = c.weight("mobile-equal");
        landlineEqual = c.weight("landline-equal");
        phoneDiffers = c.weight("phone-differs");
        phoneClose = c.weight("phone-close");
        emailEqual = c.weight("email-equal");
        emailDiffers = c.weight("email-differs");
        surnameEqual = c.weight("surname-equal");
        surnameClose = c.weight("surname-close");
        surnameDiffers = c.weight("surname-differs");
        givenEqual = c.weight("given-equal");
        givenCompatible = c.weight("given-compatible");
        givenClose = c.weight("given-close");
        givenDiffers = c.weight("given-differs");
        suffixDiffers = c.weight("suffix-differs");
        companyEqual = c.weight("company-equal");
        companyClose = c.weight("company-close");
        companyDiffers = c.weight("company-differs");
        kindDiffers = c.weight("kind-differs");
        numberEqual = c.weight("number-equal");
        numberDiffers = c.weight("number-differs");
        streetEqual = c.weight("street-equal");
        streetClose = c.weight("street-close");
        streetDiffers = c.weight("street-differs");
        addressFloor = c.weight("address-floor");
        postcodeEqual = c.weight("postcode-equal");
        postcodeDiffers = c.weight("postcode-differs");
        movedAddressKept = c.weight("moved-address-kept");
        uniqueNameAddressKept = c.weight("unique-name-address-kept");
        uniqueNameSurnameHolders = (int) c.weight("unique-name-surname-holders");
        uniqueNameSameTownAnySurname = c.weight("unique-name-same-town-any-surname") > 0;
        uniqueNameExpectedNamesakes = c.weight("unique-name-expected-namesakes");
        uniqueSurnameInTown = c.weight("unique-surname-in-town") > 0;
        rareSurnameLift = c.weight("rare-surname-review");
        liftMargin = Math.max(0, rareSurnameLift);
        cityEqual = c.weight("city-equal");
        simSurnameClose = c.similarity("surname-close");
        simGivenClose = c.similarity("given-close");
        simCompanyEqual = c.similarity("company-equal");
        simCompanyClose = c.similarity("company-close");
        similarityFloor = Math.min(0.8, Math.min(simSurnameClose, Math.min(simCompanyEqual, simCompanyClose)));
        simStreetEqual = c.similarity("street-equal");
        simStreetClose = c.similarity("street-close");
        simStreetDiffers = c.similarity("street-differs");
        maxAddressPoints = Math.max(0, numberEqual) + Math.max(0, streetEqual) + Math.max(0, postcodeEqual)
                + Math.max(0, cityEqual);
        maxNamePoints = Math.max(0, Math.max(companyEqual, surnameEqual + givenEqual));
    }

    /** The score of a pair, without building an explanation. */
    public Score score(NormalizedCustomer a, NormalizedCustomer b, IdentifierCounts counts) {
        return compare(a, b, counts, null, cutoffPoints);
    }

    /**
     * The score of a pair when only a score of at least {@code threshold} matters (the duplicate pass):
     * a pair that cannot reach it is left once its names are compared, with a lower score.
     */
    public Score score(NormalizedCustomer a, NormalizedCustomer b, IdentifierCounts counts, double threshold) {
        return compare(a, b, counts, null, Math.max(cutoffPoints, Math.log(threshold / (1 - threshold)) - prior));
    }

    /** The score of a pair with every field comparison. */
    public MatchExplanation explain(NormalizedCustomer a, NormalizedCustomer b, IdentifierCounts counts) {
        List<FieldComparison> fields = new ArrayList<>(12);
        Score s = compare(a, b, counts, fields, cutoffPoints);
        return new MatchExplanation(a.id(), b.id(), s.score(), s.points(), s.veto(), List.copyOf(fields));
    }

    public double probability(double points) {
        return 1.0 / (1.0 + Math.exp(-(prior + points)));
    }

    private Score compare(NormalizedCustomer a, NormalizedCustomer b, IdentifierCounts counts,
                          List<FieldComparison> out, double cutoff) {
        double[] acc = new double[1];
        // [0]: points of identifiers shared inside a system, [1]: street points, [2]: street, postcode and city
        double[] shared = new double[3];
        boolean[] veto = new boolean[1];
        // [0]: a personal identifier (a mobile, an email) held by this record only agrees,
        // [1]: the surname agrees, [2]: the given name agrees (a full given name, not an initial)
        // [3]: the same SIREN with another establishment number (another site of one company),
        // [4]: a mobile or an email held by this record only agrees (personal, not a household's landline),
        // [5]: the surname agrees or is one slip away, [6]: the given names do not conflict (initial, typo, missing)
        // [7]: a landline or a household's mailbox held by this record only agrees (the person or a relative)
        boolean[] person = new boolean[8];
        Sink sink = (field, outcome, left, right, sim, points, v, note) -> {
            acc[0] += points;
            if (note.startsWith("shared-by-") && points > 0) {
                shared[0] += points;
            }
            if (field.equals("address_number") || field.equals("street")) {
                shared[1] += points;
            }
            if (field.equals("address_number") || field.equals("street") || field.equals("postcode")
                    || field.equals("city")) {
                shared[2] += points;
            }
            if (outcome == Outcome.AGREE) {
                switch (field) {
                    case "phone" -> person[0] |= note.equals("mobile") || note.equals("landline");
                    case "siret" -> person[0] |= note.isEmpty() || note.equals("siren-only");
                    case "email" -> person[0] |= note.isEmpty();
                    case "name" -> person[1] = true;
                    case "given_name" -> person[2] = note.isEmpty();
                    default -> { }
                }
            }
            switch (field) {
                case "phone" -> {
                    person[4] |= outcome == Outcome.AGREE && note.equals("mobile");
                    person[7] |= outcome == Outcome.AGREE && note.equals("landline");
                }
                case "email" -> {
                    person[4] |= outcome == Outcome.AGREE && note.isEmpty();
                    person[7] |= outcome == Outcome.AGREE && note.equals("household");
                }
                case "name" -> person[5] = outcome == Outcome.AGREE || (outcome == Outcome.CLOSE && points > 0);
                case "given_name" -> person[6] = outcome != Outcome.DISAGREE && !v;
                default -> { }
            }
            person[3] |= field.equals("siret") && note.equals("other-site");
            veto[0] |= v;
            if (out != null) {
                out.add(new FieldComparison(field, outcome, left, right, sim, round(points), v, note));
            }
        };
        ids(a, b, counts, sink, out != null);
        phones(a, b, counts, sink, out != null);
        email(a, b, counts, sink);
        boolean addressDone = false;
        // the same surname and full given name on both sides: perhaps a name no one else has (see below), which
        // can outweigh the address; such a pair is not cut early
        String fullName = CustomerIndex.fullNameKey(a.name());
        boolean sameFullName = uniqueNameAddressKept < 1 && fullName != null
                && fullName.equals(CustomerIndex.fullNameKey(b.name()));
        // the same company name on both sides: perhaps a company that no other record names (see below)
        boolean sameCompanyName = uniqueNameAddressKept < 1 && sameCompanyName(a.name(), b.name());
        // the same surname in one town where one customer only carries it in each system (see below)
        boolean sameSurnameInTown = uniqueNameAddressKept < 1 && uniqueSurnameInTown && !a.name().company()
                && !b.name().company() && !a.name().surname().isEmpty()
                && a.name().surname().equals(b.name().surname())
                && oneInTown(CustomerIndex.surnameKey(a.name()), a, b, counts);
        if (out == null && !person[0] && !person[4] && !person[7] && !sameFullName && !sameCompanyName
                && !sameSurnameInTown) {
            // no identifier held by these records only agrees (so no move can be read): the address first, it
            // is cheaper than the names,
            // and a pair that even equal names (and a rare name's lift) cannot take to the threshold is left there
            address(a.address(), b.address(), sink);
            addressDone = true;
            if (acc[0] + maxNamePoints + liftMargin < cutoff) {
                return new Score(acc[0], veto[0], probability(acc[0]));
            }
        }
        names(a.name(), b.name(), sink, out != null);
        if (!addressDone && out == null && !sameFullName && !sameCompanyName && !sameSurnameInTown
                && acc[0] + maxAddressPoints + liftMargin < cutoff) {
            // the address (and a rare name's lift) cannot take this pair to the review threshold: skip it
            return new Score(acc[0], veto[0], probability(acc[0]));
        }
        if (!addressDone) {
            address(a.address(), b.address(), sink);
        }
        boolean samePerson = !a.name().company() && !b.name().company() && person[1] && person[2];
        boolean hardVeto = veto[0];
        if (shared[0] > 0 && shared[1] < 0 && !samePerson) {
            // identifiers shared by several records (a syndic's SIRET, phone, email) say "same company";
            // at another address they are another site: they do not count. Sites are a company's: a person of
            // the same surname and full given name who shares a number with another record is typed twice
            // (an old and a new address), and the number keeps its (shared) weight.
            sink.add("site", Outcome.DISAGREE, "", "", -1, -shared[0], false, "other-site");
        }
        boolean sameCompany = a.name().company() && b.name().company() && person[1];
        // a mobile or a mailbox is one person's: with it, a surname one slip away and a given name written as
        // an initial, with a typo or left out are still that person
        boolean ownNumber = !a.name().company() && !b.name().company() && person[4] && person[5] && person[6];
        if (movedAddressKept < 1 && (person[0] && (samePerson || sameCompany) || ownNumber) && shared[0] == 0
                && !veto[0] && !person[3] && shared[2] < 0) {
            boolean company = !(samePerson || ownNumber);
            // the same person (surname and full given name) or the same company name, and a phone, an email or
            // a SIRET that no other record of either system holds: a number or a mailbox follows its owner when
            // they move, so the other address is a move, not another customer. Not when an identifier is
            // shared (a household's landline, a syndic's SIRET, switchboard and email: one record per site), nor
            // for the same SIREN with another establishment number (another site of one company).
            // A company's address names a site: the same name and number at another address is a move or
            // another site of the company, which only Claire can tell (REVIEW, never LINK).
            setAddressAside(sink, shared[2], movedAddressKept, company, company ? "moved-or-site" : "moved");
        } else if (movedAddressKept < 1 && !a.name().company() && !b.name().company() && person[7] && person[5]
                && person[6] && shared[0] == 0 && !veto[0] && shared[2] < 0 && !mobilesConflict(a, b)) {
            // a landline or a family mailbox that no other record of either system holds, the same surname (or
            // one slip away) and given names not in conflict (an initial, a typo, one left out): the household
            // moved with its number. It is a household's, so it may be a relative: REVIEW, never LINK.
            setAddressAside(sink, shared[2], movedAddressKept, true, "moved-landline");
        } else if (sameFullName && shared[0] == 0 && !veto[0] && shared[2] < 0 && !mobilesConflict(a, b)
                && uniqueFullName(a, b, counts)) {
            // no identifier links them, but the surname and full given name are held by one customer only in
            // each system: a person who moved, or a namesake who is in one system only. Only Claire can tell:
            // REVIEW, never LINK.
            setAddressAside(sink, shared[2], uniqueNameAddressKept, true, "moved-unique-name");
        } else if (sameSurnameInTown && person[6] && shared[0] == 0 && !veto[0] && shared[2] < 0
                && !mobilesConflict(a, b)) {
            // the same surname, given names not in conflict (one left out, an initial), in one town where one
            // customer only carries that surname in each system: a household that moved inside the town, or two
            // households of that name, each known to one system. Only Claire can tell: REVIEW, never LINK.
            setAddressAside(sink, shared[2], uniqueNameAddressKept, true, "moved-unique-surname-in-town");
            if (acc[0] < cutoffPoints) {
                // the surname alone cannot outweigh the prior: the name that one household only carries in the
                // town is what is worth asking about, so the pair is lifted to the review threshold (a hair
                // over it, so that rounding cannot leave it just under)
                sink.add("name", Outcome.AGREE, a.name().surname(), b.name().surname(), 1,
                        cutoffPoints - acc[0] + 1e-9, true, "rare-surname-in-town");
            }
        } else if (sameCompanyName && shared[0] == 0 && !veto[0] && !person[3] && shared[2] < 0
                && fewOrOnceInTown(CustomerIndex.companyKey(a.name()), 1, a, b, counts)) {
            // the same company name, carried by one customer only in each system (a company with several sites
            // has one record per site: more), at another address and with no identifier in common: a move, or a
            // site known to one system only. Only Claire can tell: REVIEW, never LINK.
            setAddressAside(sink, shared[2], uniqueNameAddressKept, true, "moved-unique-company");
        }
        if (rareSurnameLift > 0 && !hardVeto && acc[0] < cutoffPoints && acc[0] + rareSurnameLift >= cutoffPoints
                && shared[0] == 0 && rareNameAgrees(a, b, person[1] && person[6], counts)) {
            // just under the review threshold, with a name that one customer only carries in each system (a
            // person's surname, given names not in conflict; a company's whole name): agreeing on a rare name is
            // worth more than on a common one (the evidence that is missing is often a field left empty on one
            // side, or the old address of a move). Lifted to REVIEW, never LINK.
            sink.add("name", Outcome.AGREE, a.name().company() ? a.name().joined() : a.name().surname(),
                    b.name().company() ? b.name().joined() : b.name().surname(), 1, rareSurnameLift, true,
                    a.name().company() ? "rare-company" : "rare-surname");
        }
        double p = acc[0];
        return new Score(p, veto[0], probability(p));
    }

    /**
     * What the address cost (its points, negative) is taken back but for the share {@code kept}: the other
     * address is read as a move. {@code reviewOnly}: the pair can go to REVIEW, never LINK.
     */
    private static void setAddressAside(Sink sink, double addressPoints, double kept, boolean reviewOnly, String note) {
        sink.add("address", Outcome.DISAGREE, "", "", -1, -addressPoints * (1 - kept), reviewOnly, note);
    }

    /**
     * The full name of {@code a} (the same as {@code b}'s) carried by one customer only in each system (counted like
     * a number: the same name at one address once), and not likely to be a namesake's: its surname is carried by
     * at most unique-name-surname-holders customers, or both records are in one town, or the given name is rare
     * enough that few other persons would carry the full name by chance. Or (the town switch on) it is carried by
     * one customer only in the pair's town, however common it is in the county.
     */
    private boolean uniqueFullName(NormalizedCustomer a, NormalizedCustomer b, IdentifierCounts counts) {
        String fullName = CustomerIndex.fullNameKey(a.name());
        boolean onceAndRare = counts.count(fullName) <= 1
                && (counts.count(CustomerIndex.surnameKey(a.name())) <= uniqueNameSurnameHolders
                    || uniqueNameSameTownAnySurname && sameTown(a.address(), b.address())
                    || expectedNamesakes(a.name(), counts) <= uniqueNameExpectedNamesakes);
        return onceAndRare || uniqueNameSameTownAnySurname && oneInTown(fullName, a, b, counts);
    }

    /**
     * A name key carried by at most {@code limit} customers in each system, or (the town switch on) by one only in
     * the pair's town.
     */
    private boolean fewOrOnceInTown(String nameKey, int limit, NormalizedCustomer x, NormalizedCustomer y,
                                    IdentifierCounts counts) {
        return counts.count(nameKey) <= limit || uniqueNameSameTownAnySurname && oneInTown(nameKey, x, y, counts);
    }

    /**
     * How many other persons would carry this surname and given name by chance: the surname's holders times the
     * given name's, over the persons of the system (each count the larger of the two systems').
     */
    private static double expectedNamesakes(CustomerName name, IdentifierCounts counts) {
        int persons = counts.persons();
        return persons <= 0 ? Double.MAX_VALUE : (double) counts.count(CustomerIndex.surnameKey(name))
                * counts.count(CustomerIndex.givenKey(name)) / persons;
    }

    /** Both records in one town: the same postcode, or the same town name where a postcode is missing. */
    private static boolean sameTown(CustomerAddress a, CustomerAddress b) {
        if (!a.postcode().isEmpty() && !b.postcode().isEmpty()) {
            return a.postcode().equals(b.postcode());
        }
        return !a.city().isEmpty() && a.city().equals(b.city());
    }

    /** Both records in one postcode, where one customer only carries this name key in each system. */
    private static boolean oneInTown(String nameKey, NormalizedCustomer x, NormalizedCustomer y,
                                     IdentifierCounts counts) {
        String town = CustomerIndex.inTown(nameKey, x.address());
        return town != null && x.address().postcode().equals(y.address().postcode()) && counts.count(town) <= 1;
    }

    /** Two companies of the same name, words in any order. */
    private static boolean sameCompanyName(CustomerName a, CustomerName b) {
        return a.company() && b.company() && !a.isEmpty() && a.sortedKey().equals(b.sortedKey());
    }

    @FunctionalInterface
    private interface Sink {
        void add(String field, Outcome outcome, String left, String right, double sim, double points, boolean veto,
                 String note);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double shared(double weight, int count) {
        return count <= 1 ? weight : weight / count;
    }

    private static String sharedNote(int count) {
        return count <= 1 ? "" : "shared-by-" + count;
    }

    private void ids(NormalizedCustomer x, NormalizedCustomer y, IdentifierCounts counts, Sink sink, boolean ex) {
        CompanyIds.Ids a = x.ids();
        CompanyIds.Ids b = y.ids();
        String la = ex ? idText(a) : "";
        String lb = ex ? idText(b) : "";
        if (a.siren() != null && b.siren() != null) {
            if (!a.siren().equals(b.siren())) {
                sink.add("siret", Outcome.DISAGREE, la, lb, 0, sirenDiffers, true, "other-company");
            } else if (a.siret() != null && b.siret() != null) {
                if (a.siret().equals(b.siret())) {
                    int n = counts.count("S|" + a.siret());
                    sink.add("siret", Outcome.AGREE, la, lb, 1, shared(siretEqual, n), false, sharedNote(n));
                } else {
                    sink.add("siret", Outcome.DISAGREE, la, lb, 0, sirenSiteDiffers, false, "other-site");
                }
            } else {
                int n = counts.count("N|" + a.siren());
                sink.add("siret", Outcome.AGREE, la, lb, 1, shared(siretEqual * 0.8, n), false,
                        n > 1 ? sharedNote(n) : "siren-only");
            }
        } else if (a.invalidDigits() != null && b.invalidDigits() != null && a.invalidDigits().equals(b.invalidDigits())) {
            sink.add("siret", Outcome.AGREE, la, lb, 1, rawIdsEqual, false, "checksum-fails");
        } else if (!a.isEmpty() && !b.isEmpty()) {
            sink.add("siret", Outcome.DISAGREE, la, lb, 0, 0, false, "checksum-fails");
        } else if (ex) {
            sink.add("siret", Outcome.MISSING, la, lb, -1, 0, false, "");
        }
    }

    private static String idText(CompanyIds.Ids i) {
        if (i.siret() != null) {
            return i.siret();
        }
        if (i.siren() != null) {
            return i.siren();
        }
        return i.invalidDigits() == null ? "" : i.invalidDigits();
    }

    private void phones(NormalizedCustomer x, NormalizedCustomer y, IdentifierCounts counts, Sink sink, boolean ex) {
        List<PhoneNormalizer.Phone> a = x.phones();
        List<PhoneNormalizer.Phone> b = y.phones();
        if (a.isEmpty() || b.isEmpty()) {
            if (ex) {
                sink.add("phone", Outcome.MISSING, phoneText(a), phoneText(b), -1, 0, false, "");
            }
            return;
        }
        for (PhoneNormalizer.Phone p : a) {
            for (PhoneNormalizer.Phone q : b) {
                if (p.e164().equals(q.e164())) {
                    int n = counts.holders("T|" + p.e164(), x.name(), y.name());
                    double w = shared(p.mobile() ? mobileEqual : landlineEqual, n);
                    String note = n > 1 ? sharedNote(n) : (p.mobile() ? "mobile" : "landline");
                    sink.add("phone", Outcome.AGREE, p.e164(), q.e164(), 1, w, false, note);
                    return;
                }
            }
        }
        for (PhoneNormalizer.Phone p : a) {
            for (PhoneNormalizer.Phone q : b) {
                if (phonesClose(p, q)) {
                    // one digit mistyped or two swapped: the same number typed by hand (not an identifier held)
                    sink.add("phone", Outcome.CLOSE, p.e164(), q.e164(), -1, phoneClose, false, "typo");
                    return;
                }
            }
        }
        sink.add("phone", Outcome.DISAGREE, ex ? phoneText(a) : "", ex ? phoneText(b) : "", 0, phoneDiffers, false, "");
    }

    /**
     * Two numbers of one kind (two mobiles, two landlines), the same length, one digit apart or with two
     * neighbouring digits swapped: a typing slip.
     */
    static boolean phonesClose(PhoneNormalizer.Phone p, PhoneNormalizer.Phone q) {
        String x = p.e164();
        String y = q.e164();
        return p.mobile() == q.mobile() && x.length() == y.length() && !x.equals(y) && oneEditApart(x, y);
    }

    private static String phoneText(List<PhoneNormalizer.Phone> p) {
        StringBuilder b = new StringBuilder();
        for (PhoneNormalizer.Phone x : p) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(x.e164());
        }
        return b.toString();
    }

    private void email(NormalizedCustomer x, NormalizedCustomer y, IdentifierCounts counts, Sink sink) {
        String a = x.email();
        String b = y.email();
        if (a.isEmpty() || b.isEmpty()) {
            sink.add("email", Outcome.MISSING, a, b, -1, 0, false, "");
        } else if (a.equals(b)) {
            int n = counts.holders("E|" + a, x.name(), y.name());
            // a mailbox named for a household ("famille.dupont@...") is the family's, like a landline
            String note = n > 1 ? sharedNote(n) : householdMailbox(a) ? "household" : "";
            sink.add("email", Outcome.AGREE, a, b, 1, shared(emailEqual, n), false, note);
        } else {
            sink.add("email", Outcome.DISAGREE, a, b, 0, emailDiffers, false, "");
        }
    }

    /** A mailbox whose name says it is a household's: famille.dupont@, familledupont@, family.smith@. */
    static boolean householdMailbox(String email) {
        return email.startsWith("famille") || email.startsWith("family");
    }

    // ---------------------------------------------------------------- names

    private void names(CustomerName a, CustomerName b, Sink sink, boolean ex) {
        if (a.isEmpty() || b.isEmpty()) {
            sink.add("name", Outcome.MISSING, a.surname(), b.surname(), -1, 0, false, "");
            return;
        }
        if (!a.company() && !b.company()) {
            persons(a, b, sink);
            return;
        }
        double sim = a.joined().equals(b.joined()) ? 1 : nameTokenSimilarity(a, b, ex ? 0 : similarityFloor);
        String la = a.joined();
        String lb = b.joined();
        String note = a.company() == b.company() ? "" : "person-and-company";
        if (sim >= simCompanyEqual) {
            sink.add("name", Outcome.AGREE, la, lb, sim, companyEqual, false, note);
        } else if (sim >= simCompanyClose) {
            sink.add("name", Outcome.CLOSE, la, lb, sim, companyClose, false, note);
        } else if (sim >= 0.8) {
            sink.add("name", Outcome.CLOSE, la, lb, sim, 0, false, note);
        } else {
            sink.add("name", Outcome.DISAGREE, la, lb, sim, companyDiffers, false, note);
        }
        if (a.company() != b.company()) {
            sink.add("kind", Outcome.DISAGREE, a.company() ? "company" : "person", b.company() ? "company" : "person",
                    -1, kindDiffers, false, "");
        }
    }

    /**
     * True when both names are the same letters: glued alike, or the words of one side, in some order,
     * glued give the other side glued ("FEMEURIER Marie-France" / "MARIE FRANCE FEMEURIER").
     */
    static boolean sameWords(CustomerName a, CustomerName b) {
        if (a.glued().equals(b.glued())) {
            return true;
        }
        if (a.glued().length() != b.glued().length()) {
            return false;
        }
        return gluesTo(a.tokens(), b.glued()) || gluesTo(b.tokens(), a.glued());
    }

    /** Whether some order of the tokens (at most 4), glued, spells {@code target}. */
    private static boolean gluesTo(List<String> tokens, String target) {
        if (tokens.size() > 4) {
            return false;
        }
        return gluesFrom(tokens, new boolean[tokens.size()], target, 0);
    }

    private static boolean gluesFrom(List<String> tokens, boolean[] used, String target, int at) {
        if (at == target.length()) {
            for (boolean u : used) {
                if (!u) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (!used[i] && target.startsWith(tokens.get(i), at)) {
                used[i] = true;
                boolean ok = gluesFrom(tokens, used, target, at + tokens.get(i).length());
                used[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private void persons(CustomerName a, CustomerName b, Sink sink) {
        // the parsed alignment, then with the given name and surname of either side swapped
        // (a name order the parser could not tell, "VINCENT Cédric")
        String aGiven = a.given();
        String aSurname = a.surname();
        String bGiven = b.given();
        String bSurname = b.surname();
        double sim = nameSimilarity(aSurname, bSurname);
        GivenResult g = given(aGiven, bGiven);
        if (!aGiven.isEmpty() && !bGiven.isEmpty() && sameWords(a, b)
                && !(sim >= 0.985 && g.outcome == Outcome.AGREE)) {
            // the same letters split into words differently ("MARTIN Marie Claude" / "MARTIN MARIE CLAUDE" read
            // as martin + marieclaude and martinmarie + claude), or the same words in another order
            // ("BERNARD JEAN PAUL" / "Jean Paul BERNARD"): the same name, only the parse differs
            sim = 1;
            g = new GivenResult(Outcome.AGREE, 1, givenEqual, false, "split");
            aGiven = a.given();
            bGiven = b.given();
        }
        double best = surnamePoints(sim) + g.points;
        boolean perfect = sim >= 0.985 && (g.outcome == Outcome.AGREE || g.outcome == Outcome.MISSING);
        for (int swap = 1; swap <= 2 && !perfect; swap++) {
            CustomerName x = swap == 1 ? a : b;
            if (x.given().isEmpty() || x.surname().isEmpty()) {
                continue;
            }
            String ag = swap == 1 ? a.surname() : a.given();
            String as = swap == 1 ? a.given() : a.surname();
            String bg = swap == 2 ? b.surname() : b.given();
            String bs = swap == 2 ? b.given() : b.surname();
            double s2 = nameSimilarity(as, bs);
            GivenResult g2 = given(ag, bg);
            double t2 = surnamePoints(s2) + g2.points;
            if (t2 > best) {
                best = t2;
                sim = s2;
                g = g2;
                aGiven = ag;
                aSurname = as;
                bGiven = bg;
                bSurname = bs;
            }
        }
        if (!perfect && sim < simSurnameClose && slipAcrossSplit(a, b)) {
            // a typing slip inside a compound given name ("Jean Pierrre", "Marie Hélnèe") hid it from the parser,
            // which moved the word boundary: aligned, the names disagree, but the whole names, given name first,
            // are one slip apart. Scored as a surname and a given name each one slip apart.
            sink.add("name", Outcome.CLOSE, a.given() + " " + a.surname(), b.given() + " " + b.surname(),
                    simSurnameClose, surnameClose, false, "split-typo");
            sink.add("given_name", Outcome.CLOSE, a.given(), b.given(), -1, givenClose, false, "split-typo");
            suffixes(a, b, sink);
            return;
        }
        if (a.given().isEmpty() && b.given().isEmpty() && a.tokens().size() != b.tokens().size()) {
            // one token on one side, several on the other: compare the token sets
            sim = Math.max(sim, nameTokenSimilarity(a, b));
        }
        double sp = surnamePoints(sim);
        Outcome so = sim >= 0.985 ? Outcome.AGREE : sp > surnameDiffers ? Outcome.CLOSE : Outcome.DISAGREE;
        sink.add("name", so, aSurname, bSurname, sim, sp, false, "");
        sink.add("given_name", g.outcome, aGiven, bGiven, g.sim, g.points, g.veto, g.note);
        suffixes(a, b, sink);
    }

    /** Fils / père on one side or two different ones: vetoes a link (half the points when on one side only). */
    private void suffixes(CustomerName a, CustomerName b, Sink sink) {
        if (!a.suffix().equals(b.suffix())) {
            boolean both = !a.suffix().isEmpty() && !b.suffix().isEmpty();
            sink.add("suffix", Outcome.DISAGREE, a.suffix(), b.suffix(), -1, both ? suffixDiffers : suffixDiffers / 2,
                    true, both ? "" : "one-side");
        }
    }

    /**
     * A name carried by one customer only in each system: two persons of the same surname (given names not
     * in conflict, as the caller read them) that at most {@code unique-name-surname-holders} customers carry,
     * or two companies of the same name (words in any order) that one customer carries.
     */
    private boolean rareNameAgrees(NormalizedCustomer x, NormalizedCustomer y, boolean personNamesAgree,
                                   IdentifierCounts counts) {
        CustomerName a = x.name();
        CustomerName b = y.name();
        if (!a.company() && !b.company()) {
            return personNamesAgree && !mobilesConflict(x, y)
                    && fewOrOnceInTown(CustomerIndex.surnameKey(a), uniqueNameSurnameHolders, x, y, counts);
        }
        return sameCompanyName(a, b) && fewOrOnceInTown(CustomerIndex.companyKey(a), 1, x, y, counts);
    }

    /**
     * Both records carry a mobile and none of them agree: a mobile is one person's and follows them when they
     * move, so two persons of the same name with their own different mobiles are two people, not a move.
     */
    static boolean mobilesConflict(NormalizedCustomer a, NormalizedCustomer b) {
        boolean aMobile = false;
        for (PhoneNormalizer.Phone p : a.phones()) {
            aMobile |= p.mobile();
        }
        if (!aMobile) {
            return false;
        }
        boolean bMobile = false;
        for (PhoneNormalizer.Phone q : b.phones()) {
            if (q.mobile()) {
                bMobile = true;
                for (PhoneNormalizer.Phone p : a.phones()) {
                    if (p.e164().equals(q.e164()) || phonesClose(p, q)) {
                        return false;
                    }
                }
            }
        }
        return bMobile;
    }

    /**
     * True when both persons have a given name and their whole names, given name then surname (either side
     * possibly read the other way round), are at least 12 letters and one typing slip apart.
     */
    static boolean slipAcrossSplit(CustomerName a, CustomerName b) {
        if (a.given().isEmpty() || b.given().isEmpty() || a.company() || b.company()) {
            return false;
        }
        int la = a.given().length() + a.surname().length();
        int lb = b.given().length() + b.surname().length();
        if (Math.abs(la - lb) > 1 || Math.min(la, lb) < 12) {
            return false;
        }
        String ga = a.given() + a.surname();
        return oneEditApart(ga, b.given() + b.surname()) || oneEditApart(ga, b.surname() + b.given())
                || oneEditApart(a.surname() + a.given(), b.given() + b.surname());
    }

    /**
     * Jaro-Winkler, raised to the close threshold when the two names are one typing slip apart
     * (a letter dropped, doubled, replaced, or two letters swapped) and long enough for that to be a typo.
     */
    private double nameSimilarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        double sim = JaroWinkler.similarity(a, b);
        if (sim < simSurnameClose && Math.min(a.length(), b.length()) >= 4 && oneEditApart(a, b)) {
            sim = simSurnameClose;
        }
        return sim;
    }

    /** True when one insertion, deletion, substitution or adjacent transposition turns a into b. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // substitution
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    private double surnamePoints(double sim) {
        if (sim >= 0.985) {
            return surnameEqual;
        }
        if (sim >= simSurnameClose) {
            return surnameClose;
        }
        if (sim >= 0.8) {
            return 0;
        }
        return surnameDiffers;
    }

    private record GivenResult(Outcome outcome, double sim, double points, boolean veto, String note) {
    }

    private GivenResult given(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return new GivenResult(Outcome.MISSING, -1, 0, false, "");
        }
        if (a.equals(b)) {
            return new GivenResult(Outcome.AGREE, 1, givenEqual, false, "");
        }
        boolean ia = isInitials(a);
        boolean ib = isInitials(b);
        if (ia || ib) {
            if (a.charAt(0) == b.charAt(0) && (ia && ib ? a.equals(b) : true)) {
                return new GivenResult(Outcome.CLOSE, -1, givenCompatible, false, "initial");
            }
            return new GivenResult(Outcome.DISAGREE, 0, givenDiffers, true, "initial");
        }
        double sim = JaroWinkler.similarity(a, b);
        if (NameNormalizer.isFirstName(a) && NameNormalizer.isFirstName(b)) {
            return new GivenResult(Outcome.DISAGREE, sim, givenDiffers, true, "two-given-names");
        }
        if ((a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length() - b.length()) >= 2) {
            return new GivenResult(Outcome.DISAGREE, sim, givenDiffers, true, "compound");
        }
        if ((sim >= simGivenClose || (Math.min(a.length(), b.length()) >= 4 && oneEditApart(a, b)))
                && Math.abs(a.length() - b.length()) <= 1) {
            return new GivenResult(Outcome.CLOSE, sim, givenClose, false, "typo");
        }
        return new GivenResult(Outcome.DISAGREE, sim, givenDiffers, true, "");
    }

    private static boolean isInitials(String g) {
        if (g.length() == 1) {
            return true;
        }
        if (g.length() == 2) {
            return "aeiouy".indexOf(g.charAt(0)) < 0 && "aeiouy".indexOf(g.charAt(1)) < 0;
        }
        return false;
    }

    /** {@link #tokenSimilarity} with the joined forms computed once per name. */
    static double nameTokenSimilarity(CustomerName a, CustomerName b) {
        return nameTokenSimilarity(a, b, 0);
    }

    /**
     * The same, exact from {@code floor} up; below it some value below {@code floor} (the scorer's
     * decisions do not tell such values apart: see {@link #similarityFloor}).
     */
    static double nameTokenSimilarity(CustomerName a, CustomerName b, double floor) {
        if (a.tokens().isEmpty() || b.tokens().isEmpty()) {
            return 0;
        }
        double best = JaroWinkler.similarity(a.joined(), b.joined(), floor);
        if (best < 1 && (a.tokens().size() > 1 || b.tokens().size() > 1)) {
            best = Math.max(best, JaroWinkler.similarity(a.sorted(), b.sorted(), floor));
            best = Math.max(best, JaroWinkler.similarity(a.glued(), b.glued(), floor));
            if (best < 0.97) {
                best = Math.max(best, mongeElkan(a.tokens(), b.tokens()));
            }
        }
        return best;
    }

    /**
     * Similarity of two token lists: the best of Jaro-Winkler on the texts as typed, on the sorted
     * tokens, and the symmetric Monge-Elkan mean (each token against its best counterpart).
     */
    static double tokenSimilarity(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        String ja = String.join(" ", a);
        String jb = String.join(" ", b);
        if (ja.equals(jb)) {
            return 1;
        }
        double best = JaroWinkler.similarity(ja, jb);
        if (a.size() > 1 || b.size() > 1) {
            List<String> sa = new ArrayList<>(a);
            List<String> sb = new ArrayList<>(b);
            sa.sort(null);
            sb.sort(null);
            best = Math.max(best, JaroWinkler.similarity(String.join(" ", sa), String.join(" ", sb)));
            best = Math.max(best, mongeElkan(a, b));
            // glued spelling: "le gall" / "legall", "saint jorioz" / "saintjorioz"
            best = Math.max(best, JaroWinkler.similarity(String.join("", a), String.join("", b)));
        }
        return best;
    }

    /**
     * Symmetric Monge-Elkan mean: each token against its best counterpart, averaged both ways (the
     * similarity matrix is computed once: Jaro-Winkler is symmetric).
     */
    private static double mongeElkan(List<String> a, List<String> b) {
        double[] bestOfB = new double[b.size()];
        double sumA = 0;
        for (String x : a) {
            double m = 0;
            for (int j = 0; j < b.size(); j++) {
                String y = b.get(j);
                double sim = x.equals(y) ? 1 : JaroWinkler.similarity(x, y);
                m = Math.max(m, sim);
                bestOfB[j] = Math.max(bestOfB[j], sim);
            }
            sumA += m;
        }
        double sumB = 0;
        for (double v : bestOfB) {
            sumB += v;
        }
        return (sumA / a.size() + sumB / b.size()) / 2;
    }

    // ---------------------------------------------------------------- address

    private void address(CustomerAddress a, CustomerAddress b, Sink sink) {
        double addr = 0;
        boolean haveNumber = !a.number().isEmpty() && !b.number().isEmpty();
        boolean haveStreet = a.hasStreet() && b.hasStreet();
        FieldComparison numberLine = null;
        FieldComparison streetLine = null;
        if (haveNumber) {
            boolean eq = a.number().equals(b.number());
            double w = eq ? numberEqual : numberDiffers;
            addr += w;
            numberLine = new FieldComparison("address_number", eq ? Outcome.AGREE : Outcome.DISAGREE, a.number(),
                    b.number(), eq ? 1 : 0, w, false, "");
        } else {
            numberLine = new FieldComparison("address_number", Outcome.MISSING, a.number(), b.number(), -1, 0, false, "");
        }
        if (haveStreet) {
            double sim = a.street().equals(b.street()) ? 1 : streetSimilarity(a.street(), b.street());
            if (!a.streetType().isEmpty() && !b.streetType().isEmpty() && !a.streetType().equals(b.streetType())) {
                sim -= 0.1;
            } else if (a.streetType().isEmpty() != b.streetType().isEmpty()) {
                // a street type not recognised on one side ("imppasse"): compare the whole lines too
                sim = Math.max(sim, JaroWinkler.similarity(streetText(a), streetText(b)));
            }
            double w;
            Outcome o;
            if (sim >= simStreetEqual) {
                w = streetEqual;
                o = Outcome.AGREE;
            } else if (sim >= simStreetClose) {
                w = streetClose;
                o = Outcome.CLOSE;
            } else if (sim < simStreetDiffers) {
                w = streetDiffers;
                o = Outcome.DISAGREE;
            } else {
                w = 0;
                o = Outcome.CLOSE;
            }
            addr += w;
            streetLine = new FieldComparison("street", o, streetText(a), streetText(b), Math.max(0, sim), w, false, "");
        } else {
            streetLine = new FieldComparison("street", Outcome.MISSING, streetText(a), streetText(b), -1, 0, false, "");
        }
        double scale = 1;
        if (addr < addressFloor) {
            scale = addressFloor / addr;
        }
        sink.add(numberLine.field(), numberLine.outcome(), numberLine.left(), numberLine.right(),
                numberLine.similarity(), numberLine.points() * scale, false, scale < 1 ? "address-floor" : "");
        sink.add(streetLine.field(), streetLine.outcome(), streetLine.left(), streetLine.right(),
                streetLine.similarity(), streetLine.points() * scale, false, scale < 1 ? "address-floor" : "");

        boolean cityAgree = !a.city().isEmpty() && !b.city().isEmpty()
                && (a.city().equals(b.city()) || JaroWinkler.similarity(a.city(), b.city()) >= 0.92);
        if (!a.postcode().isEmpty() && !b.postcode().isEmpty()) {
            if (a.postcode().equals(b.postcode())) {
                sink.add("postcode", Outcome.AGREE, a.postcode(), b.postcode(), 1, postcodeEqual, false, "");
            } else if ((a.cedex() || b.cedex()) && a.postcode().regionMatches(0, b.postcode(), 0, 2)) {
                sink.add("postcode", Outcome.CLOSE, a.postcode(), b.postcode(), -1, postcodeEqual / 3, false, "cedex");
            } else if (cityAgree && a.postcode().regionMatches(0, b.postcode(), 0, 3)) {
                // 35200 / 35203 in the same city: a CEDEX or special delivery code, or a slip on the last digit
                sink.add("postcode", Outcome.CLOSE, a.postcode(), b.postcode(), -1, 0, false, "same-city");
            } else if (cityAgree) {
                sink.add("postcode", Outcome.DISAGREE, a.postcode(), b.postcode(), 0, postcodeDiffers / 4, false,
                        "same-city");
            } else {
                sink.add("postcode", Outcome.DISAGREE, a.postcode(), b.postcode(), 0, postcodeDiffers, false, "");
            }
        } else {
            sink.add("postcode", Outcome.MISSING, a.postcode(), b.postcode(), -1, 0, false, "");
        }
        if (cityAgree) {
            sink.add("city", Outcome.AGREE, a.city(), b.city(), 1, cityEqual, false, "");
        } else if (!a.city().isEmpty() && !b.city().isEmpty()) {
            sink.add("city", Outcome.DISAGREE, a.city(), b.city(), JaroWinkler.similarity(a.city(), b.city()), 0, false, "");
        } else {
            sink.add("city", Outcome.MISSING, a.city(), b.city(), -1, 0, false, "");
        }
    }

    private static double streetSimilarity(String a, String b) {
        double sim = JaroWinkler.similarity(a, b);
        if (sim < 0.95 && (a.indexOf(' ') > 0 || b.indexOf(' ') > 0)) {
            sim = Math.max(sim, tokenSimilarity(java.util.Arrays.asList(a.split(" ")), java.util.Arrays.asList(b.split(" "))));
        }
        return sim;
    }

    private static String streetText(CustomerAddress a) {
        if (a.streetType().isEmpty()) {
            return a.street();
        }
        return a.street().isEmpty() ? a.streetType() : a.streetType() + " " + a.street();
    }
}
