package fr.relais.mail.outbound;

import fr.relais.erp.ErpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Claire's notification says about the customer: the registry's record, its ERP and Sage codes
 * ({@code customer_link}), its open jobs read from the ERP (read-only, names from {@link ErpProperties}),
 * and its last tickets. Reads only; an ERP that does not answer in time is said, never fatal.
 */
public class CustomerCards {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerCards.class);

    /** One open job of the ERP. */
    public record Job(String code, String label, String status, String city, java.time.LocalDate start) {
    }

    /** A previous ticket of the customer. */
    public record PastTicket(String reference, java.time.Instant createdAt, String category, String status,
                             String subject) {
    }

    /** The card; {@code erpProblem} is null when the ERP answered. */
    public record Card(long customerId, String name, String address, String email, List<String> phones,
                       List<String> erpCodes, List<String> sageCodes, List<Job> openJobs, String erpProblem,
                       List<PastTicket> recentTickets) {
    }

    private final JdbcTemplate hub;
    private final DataSource erp;
    private final ErpProperties erpNames;
    private final List<String> openStatuses;
    private final int recent;
    private final Duration erpTimeout;
    /** After a failure the ERP is left alone for a minute: a notification is owed inside a ticket's transaction. */
    private volatile long erpQuietUntilNanos = System.nanoTime();
    static final Duration ERP_PAUSE_AFTER_FAILURE = Duration.ofMinutes(1);

    public CustomerCards(JdbcTemplate hub, DataSource erp, ErpProperties erpNames, List<String> openStatuses,
                         int recent, Duration erpTimeout) {
        this.hub = hub;
        this.erp = erp;
        this.erpNames = erpNames;
        this.openStatuses = List.copyOf(openStatuses);
        this.recent = recent;
        this.erpTimeout = erpTimeout;
    }

    /** The card of a customer of the registry, or null when there is no such customer. */
    public Card card(long customerId, long excludeTicketId) {
        List<Map<String, Object>> rows = hub.queryForList("SELECT display_name, address_line1, address_line2, postcode,"
                + " city, email, phone_e164, mobile_e164 FROM customer WHERE id = ?", customerId);
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> c = rows.get(0);
        List<String> erpCodes = new ArrayList<>();
        List<String> sageCodes = new ArrayList<>();
        hub.query("SELECT source_system, system_id FROM customer_link WHERE customer_id = ? ORDER BY system_id",
                rs -> {
                    (rs.getString(1).equals("ERP") ? erpCodes : sageCodes).add(rs.getString(2));
                }, customerId);
        List<String> phones = new ArrayList<>();
        for (String column : List.of("phone_e164", "mobile_e164")) {
            String phone = (String) c.get(column);
            if (phone != null && !phone.isBlank() && !phones.contains(phone)) {
                phones.add(phone);
            }
        }
        String address = join(", ", join(" ", (String) c.get("address_line1"), (String) c.get("address_line2")),
                join(" ", (String) c.get("postcode"), (String) c.get("city")));
        List<PastTicket> past = hub.query("SELECT reference, created_at, category, status, subject FROM ticket"
                        + " WHERE customer_id = ? AND id <> ? ORDER BY created_at DESC, id DESC",
                ps -> {
                    ps.setLong(1, customerId);
                    ps.setLong(2, excludeTicketId);
                    ps.setMaxRows(recent);
                },
                (rs, i) -> new PastTicket(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5)));
        List<Job> jobs = new ArrayList<>();
        String problem = null;
        if (!erpCodes.isEmpty()) {
            if (System.nanoTime() - erpQuietUntilNanos < 0) {
                problem = "ERP unreachable a moment ago; not asked again before " + ERP_PAUSE_AFTER_FAILURE.toSeconds() + " s";
            } else {
                try {
                    jobs = openJobs(erpCodes);
                } catch (SQLException | RuntimeException e) {
                    problem = e.getClass().getSimpleName() + ": " + Objects.toString(e.getMessage(), "");
                    erpQuietUntilNanos = System.nanoTime() + ERP_PAUSE_AFTER_FAILURE.toNanos();
                    LOG.warn("customer card of customer {}: the ERP did not give the open jobs: {}", customerId, problem);
                }
            }
        }
        return new Card(customerId, (String) c.get("display_name"), address, (String) c.get("email"), phones,
                erpCodes, sageCodes, jobs, problem, past);
    }

    List<Job> openJobs(List<String> erpCodes) throws SQLException {
        if (erp == null) {
            throw new IllegalStateException("no ERP connection configured");
        }
        var t = erpNames.getTables();
        var j = erpNames.getColumns().getJob();
        String sql = "SELECT " + String.join(", ", quote(j.getCode()), quote(j.getLabel()), quote(j.getStatus()),
                quote(j.getSiteCity()), quote(j.getStartDate())) + " FROM " + quote(t.getJobs())
                + " WHERE " + quote(j.getCustomer()) + " IN (" + marks(erpCodes.size()) + ")"
                + (openStatuses.isEmpty() ? "" : " AND " + quote(j.getStatus()) + " IN (" + marks(openStatuses.size()) + ")")
                + " ORDER BY " + quote(j.getStartDate()) + " DESC";
        List<Job> jobs = new ArrayList<>();
        try (Connection connection = erp.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout((int) Math.max(1, erpTimeout.toSeconds()));
            ps.setMaxRows(20);
            int i = 1;
            for (String code : erpCodes) {
                ps.setString(i++, code);
            }
            for (String status : openStatuses) {
                ps.setString(i++, status);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date start = rs.getDate(5);
                    jobs.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            start == null ? null : start.toLocalDate()));
                }
            }
        }
        return jobs;
    }

    /** Names come from validated settings ({@code @SqlName}): letters, digits, underscores, one optional schema. */
    static String quote(String name) {
        if (!name.matches(fr.relais.erp.SqlName.PATTERN)) {
            throw new IllegalArgumentException("not a SQL name: " + name);
        }
        var quoted = new StringBuilder();
        for (String part : name.split("\\.")) {
            quoted.append(quoted.isEmpty() ? "" : ".").append('"').append(part).append('"');
        }
        return quoted.toString();
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String join(String separator, String... parts) {
        var kept = new ArrayList<String>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                kept.add(p.strip());
            }
        }
        return String.join(separator, kept);
    }

    /** The card as the notification template reads it. */
    static Map<String, Object> model(Card card, java.util.function.Function<java.time.Instant, String> dateFormat,
                                     java.util.function.Function<java.time.LocalDate, String> dayFormat,
                                     java.util.function.Function<String, String> categoryLabel,
                                     java.util.function.Function<String, String> statusLabel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", card.name());
        m.put("address", card.address());
        m.put("email", card.email());
        m.put("phones", card.phones());
        m.put("erpCodes", card.erpCodes());
        m.put("sageCodes", card.sageCodes());
        m.put("erpUnavailable", card.erpProblem());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Job job : card.openJobs()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("code", job.code());
            j.put("label", job.label());
            j.put("status", job.status());
            j.put("city", job.city());
            j.put("start", job.start() == null ? null : dayFormat.apply(job.start()));
            jobs.add(j);
        }
        m.put("jobs", jobs);
        List<Map<String, Object>> recent = new ArrayList<>();
        for (PastTicket t : card.recentTickets()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("reference", t.reference());
            r.put("date", dateFormat.apply(t.createdAt()));
            r.put("category", categoryLabel.apply(t.category()));
            r.put("status", statusLabel.apply(t.status()));
            r.put("subject", t.subject());
            recent.add(r);
        }
        m.put("recent", recent);
        return m;
    }
}
