package fr.relais.customer.write;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Allocates Sage account numbers (CT_Num) for the customers the hub creates in Sage, by a configurable rule:
 * <ul>
 *   <li>{@code name}: prefix + the first letters of the normalised name + a counter when taken
 *       ({@code CDUPONT}, {@code CDUPONT01}, {@code CDUPONT02}...);</li>
 *   <li>{@code sequence}: prefix + a zero-padded sequence ({@code C000001}, {@code C000002}...).</li>
 * </ul>
 * A number is upper case, A–Z and 0–9 only, at most 17 characters, and unique against Sage's existing CT_Num
 * (read through the read-only Sage pool) and against every number the hub ever allocated (table
 * {@code sage_account_number} of the hub store, so a restart never reuses one). The same correlation id always
 * gets the same number (a retried create keeps its number).
 */
public final class AccountNumbers {

    private static final Logger log = LoggerFactory.getLogger(AccountNumbers.class);

    public static final int MAX_LENGTH = 17;

    /** The configured rule. */
    public record Rule(Kind kind, String prefix, int nameLetters, int counterDigits, int sequenceDigits,
                       Set<String> ignoredWords) {

        public enum Kind { NAME, SEQUENCE }

        public Rule {
            prefix = prefix == null ? "" : prefix.strip().toUpperCase(Locale.ROOT);
            if (!prefix.matches("[A-Z0-9]{0,8}")) {
                throw new IllegalArgumentException("the account number prefix must be 0 to 8 letters or digits (A-Z, 0-9): " + prefix);
            }
            if (nameLetters < 1 || prefix.length() + nameLetters + counterDigits > MAX_LENGTH) {
                throw new IllegalArgumentException("prefix + name letters + counter digits must be at most " + MAX_LENGTH);
            }
            if (counterDigits < 1 || counterDigits > 4 || sequenceDigits < 1 || prefix.length() + sequenceDigits > MAX_LENGTH) {
                throw new IllegalArgumentException("counter digits 1..4 and prefix + sequence digits at most " + MAX_LENGTH);
            }
            ignoredWords = ignoredWords.stream().map(w -> w.strip().toUpperCase(Locale.ROOT)).filter(w -> !w.isEmpty())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        /** The default: {@code C} + 6 letters of the name + a 2-digit counter. */
        public static Rule defaults() {
            return new Rule(Kind.NAME, "C", 6, 2, 6, Set.of("M", "MR", "MME", "MLLE", "MONSIEUR", "MADAME",
                    "MADEMOISELLE", "SARL", "SAS", "SASU", "SA", "EURL", "SCI", "STE", "SOCIETE", "ETS"));
        }
    }

    /** Sage could not be read, or the hub store refused: no number can be promised unique. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Rule rule;
    private final DataSource hubStore;
    private final DataSource sage;
    private final Clock clock;

    public AccountNumbers(Rule rule, DataSource hubStore, DataSource sage, Clock clock) {
        this.rule = rule;
        this.hubStore = hubStore;
        this.sage = sage;
        this.clock = clock;
    }

    public Rule rule() {
        return rule;
    }

    /**
     * A new, unique CT_Num for this customer, recorded as allocated; the same number again for a correlation id
     * that already has one.
     *
     * @throws UnavailableException when Sage or the hub store cannot be read
     */
    public synchronized String allocate(String name, String correlationId) {
        try {
            String existing = correlationId == null ? null : allocatedFor(correlationId);
            if (existing != null) {
                return existing;
            }
            String stem = rule.kind() == Rule.Kind.NAME ? rule.prefix() + letters(name, rule) : rule.prefix();
            Set<String> taken = taken(stem);
            for (int attempt = 0; attempt < 100; attempt++) {
                String number = rule.kind() == Rule.Kind.NAME ? firstFreeByName(stem, taken) : nextInSequence(taken);
                if (record(number, correlationId, name)) {
                    return number;
                }
                // taken meanwhile by another hub process: the same write got a number, or try the next one
                existing = correlationId == null ? null : allocatedFor(correlationId);
                if (existing != null) {
                    return existing;
                }
                taken.add(number);
            }
        } catch (SQLException e) {
            throw new UnavailableException("cannot allocate a Sage account number: " + e.getMessage(), e);
        }
        throw new UnavailableException("cannot allocate a Sage account number: too many concurrent allocations", null);
    }

    /** The letters the name rule takes from a name: upper case, no accents, A–Z and 0–9, ignored words left out. */
    public static String letters(String name, Rule rule) {
        String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae").replace("ß", "SS")
                .toUpperCase(Locale.ROOT);
        StringBuilder letters = new StringBuilder();
        List<String> words = List.of(plain.split("[^A-Z0-9]+"));
        boolean onlyIgnored = words.stream().allMatch(w -> w.isEmpty() || rule.ignoredWords().contains(w));
        for (String word : words) {
            if (!onlyIgnored && rule.ignoredWords().contains(word)) {
                continue;
            }
            letters.append(word);
        }
        String result = letters.length() > rule.nameLetters() ? letters.substring(0, rule.nameLetters()) : letters.toString();
        return result.isEmpty() ? "X" : result;
    }

    private String firstFreeByName(String stem, Set<String> taken) {
        if (!taken.contains(stem)) {
            return stem;
        }
        for (int digits = rule.counterDigits(); digits <= 4; digits++) {
            String base = stem.length() + digits > MAX_LENGTH ? stem.substring(0, MAX_LENGTH - digits) : stem;
            int limit = (int) Math.pow(10, digits);
            // 01..99, then 100..999 (a longer counter continues the shorter one)
            for (int n = digits == rule.counterDigits() ? 1 : limit / 10; n < limit; n++) {
                String candidate = base + String.format("%0" + digits + "d", n);
                if (!taken.contains(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("every account number starting with " + stem + " is taken");
    }

    private String nextInSequence(Set<String> taken) {
        long max = 0;
        int digits = rule.sequenceDigits();
        for (String number : taken) {
            String suffix = number.substring(rule.prefix().length());
            if (suffix.length() == digits && suffix.chars().allMatch(Character::isDigit)) {
                max = Math.max(max, Long.parseLong(suffix));
            }
        }
        String next = rule.prefix() + String.format("%0" + digits + "d", max + 1);
        if (next.length() > rule.prefix().length() + digits) {
            throw new IllegalStateException("the account number sequence " + rule.prefix() + " is exhausted");
        }
        return next;
    }

    /** Every number, in Sage or already allocated by the hub, that starts with the stem. */
    private Set<String> taken(String stem) throws SQLException {
        Set<String> taken = new HashSet<>();
        // a stem is A-Z0-9 only: no LIKE wildcard to escape; shortened as a long stem is for a 4-digit counter
        String like = stem.substring(0, Math.min(stem.length(), MAX_LENGTH - 4)) + "%";
        try (Connection connection = sage.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT CT_Num FROM F_COMPTET WHERE CT_Num LIKE ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1).strip().toUpperCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            throw new SQLException("Sage (F_COMPTET) cannot be read: " + e.getMessage(), e.getSQLState(), e);
        }
        try (Connection connection = hubStore.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT ct_num FROM sage_account_number WHERE ct_num LIKE ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
        }
        return taken;
    }

    private String allocatedFor(String correlationId) throws SQLException {
        try (Connection connection = hubStore.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT ct_num FROM sage_account_number WHERE correlation_id = ?")) {
            ps.setString(1, correlationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** False when the number (or the correlation id) was taken meanwhile. */
    private boolean record(String number, String correlationId, String name) throws SQLException {
        try (Connection connection = hubStore.getConnection();
             PreparedStatement ps = connection.prepareStatement("INSERT INTO sage_account_number"
                     + " (ct_num, correlation_id, customer_name, allocated_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, number);
            ps.setString(2, correlationId);
            ps.setString(3, name == null ? null : name.length() > 255 ? name.substring(0, 255) : name);
            ps.setObject(4, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
            ps.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                log.debug("Account number {} taken meanwhile: {}", number, e.getMessage());
                return false;
            }
            throw e;
        }
    }
}
