package fr.relais.mail.inbound;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import fr.relais.customer.match.CustomerIndex;
import fr.relais.customer.match.CustomerMatcher;
import fr.relais.customer.match.CustomerNormalizer;
import fr.relais.customer.match.CustomerRecord;
import fr.relais.customer.match.Decision;
import fr.relais.customer.match.MatchOutcome;
import fr.relais.mail.intake.ParsedMail;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Links the sender of a mail to a customer of the registry: by address (customer.email_normalized), then by
 * the phone numbers written in the body or signature (libphonenumber, region FR) against phone_e164 and
 * mobile_e164. Several candidates are decided by the matching engine; when it cannot decide, nobody is
 * linked and the candidates are listed for Claire. NEVER creates a customer: an unknown sender becomes the
 * ticket's contact.
 */
@Component
public class CustomerLinker {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_PHONES = 5;

    private final NamedParameterJdbcTemplate jdbc;
    private final CustomerMatcher matcher = CustomerMatcher.withDefaults();

    public CustomerLinker(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** Who the sender is: a customer id, or candidates, plus the contact fields found. */
    public Link link(ParsedMail mail) {
        String email = mail.fromAddress() == null ? "" : mail.fromAddress().strip().toLowerCase(Locale.ROOT);
        List<String> phones = phones(mail.bodyText());
        String phone = phones.isEmpty() ? null : phones.get(0);
        String name = mail.fromName() == null || mail.fromName().isBlank() ? null : mail.fromName().strip();
        if (!email.isEmpty()) {
            List<Row> byEmail = query("email_normalized = :email", new MapSqlParameterSource("email", email));
            Link decided = decide(byEmail, name, email, phone, "email");
            if (decided != null) {
                return decided;
            }
        }
        if (!phones.isEmpty()) {
            List<Row> byPhone = query("phone_e164 IN (:phones) OR mobile_e164 IN (:phones)",
                    new MapSqlParameterSource("phones", phones));
            Link decided = decide(byPhone, name, email, phone, "phone");
            if (decided != null) {
                return decided;
            }
        }
        return new Link(null, "unknown", List.of(), name, email.isEmpty() ? null : email, phone);
    }

    private Link decide(List<Row> rows, String name, String email, String phone, String how) {
        if (rows.isEmpty()) {
            return null;
        }
        if (rows.size() == 1) {
            return new Link(rows.get(0).id(), how, List.of(), name, email, phone);
        }
        CustomerIndex index = matcher.newIndex();
        for (Row r : rows) {
            index.add(CustomerNormalizer.normalize(r.record()));
        }
        MatchOutcome outcome = matcher.match(new CustomerRecord("mail", name, null, null, null, phone, email, null), index);
        if (outcome.decision() == Decision.LINK && outcome.best().isPresent()) {
            return new Link(Long.parseLong(outcome.best().get().registryId()), how + "+matcher", List.of(), name, email,
                    phone);
        }
        List<String> candidates = rows.stream().limit(10).map(r -> r.id() + " " + r.record().name()).toList();
        return new Link(null, "ambiguous-" + how, candidates, name, email, phone);
    }

    private List<Row> query(String where, MapSqlParameterSource params) {
        return jdbc.query("SELECT id, display_name, address_line1, postcode, city, phone_e164, mobile_e164, email, siret"
                + " FROM customer WHERE " + where + " ORDER BY id FETCH FIRST 20 ROWS ONLY", params, (rs, n) -> {
                    String phone = rs.getString("phone_e164");
                    String mobile = rs.getString("mobile_e164");
                    String phones = phone == null ? mobile : mobile == null ? phone : phone + " / " + mobile;
                    return new Row(rs.getLong("id"), new CustomerRecord(String.valueOf(rs.getLong("id")),
                            rs.getString("display_name"), rs.getString("address_line1"), rs.getString("postcode"),
                            rs.getString("city"), phones, rs.getString("email"), rs.getString("siret")));
                });
    }

    /** The phone numbers written in a text, in E.164, in order, at most five. */
    static List<String> phones(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String bounded = text.length() > 50_000 ? text.substring(0, 50_000) : text;
        for (PhoneNumberMatch m : PHONES.findNumbers(bounded, "FR")) {
            found.add(PHONES.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
            if (found.size() >= MAX_PHONES) {
                break;
            }
        }
        return new ArrayList<>(found);
    }

    private record Row(long id, CustomerRecord record) {
    }

    /**
     * The outcome of linking.
     *
     * @param customerId the linked customer, or null
     * @param method     email, phone, email+matcher, phone+matcher, ambiguous-email, ambiguous-phone or unknown
     * @param candidates "id name" of the customers it could be, when ambiguous
     */
    public record Link(Long customerId, String method, List<String> candidates, String contactName,
                       String contactEmail, String contactPhone) {
    }
}
