package fr.relais.mail.outbound;

import fr.relais.ticket.Contact;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.Urgency;

import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Writes the mails of a ticket from the templates: the customer's acknowledgement (variant per category
 * and urgency, gas-smell safety instructions, closed-office paragraph) and Claire's notification (with the
 * customer card). Plain Java: what to say, not whether to send it.
 */
public class OutboundLetters {

    /** A gas smell in words (accents folded); a bare "gaz" counts only on an urgent ticket. */
    private static final Pattern GAS_SMELL = Pattern.compile(
            "\\bodeurs?\\W+(\\w+\\W+){0,2}ga[sz]\\b|\\bsen[st]\\W+(\\w+\\W+){0,2}ga[sz]\\b|\\bfuite\\W+(de\\W+)?ga[sz]\\b");
    private static final Pattern GAS = Pattern.compile("\\bga[sz]\\b");
    /** A water leak or flood in words (accents folded). */
    private static final Pattern WATER = Pattern.compile(
            "\\bfuites?\\W+(\\w+\\W+){0,2}d\\W*eau\\b|\\bdegats?\\W+des\\W+eaux\\b|\\binond|\\beau\\W+(\\w+\\W+){0,1}coule|\\bfuite\\W+(\\w+\\W+){0,3}(chaudiere|ballon|chauffe.eau|tuyau|canalisation|radiateur)");
    private static final Pattern NEGATION = Pattern.compile("\\b(pas|plus|aucune?|sans|ni|jamais)\\b[^.!?\\n]{0,20}$");

    private final MailTemplates templates;
    private final OutboundProperties settings;
    private final OfficeHours hours;
    private final LongFunction<CustomerCards.Card> cards;
    private final DateTimeFormatter reopening;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    /**
     * @param cards the customer card of a ticket (by ticket id), or null for none
     */
    public OutboundLetters(MailTemplates templates, OutboundProperties settings, OfficeHours hours,
                           LongFunction<CustomerCards.Card> cards) {
        this.templates = templates;
        this.settings = settings;
        this.hours = hours;
        this.cards = cards;
        this.reopening = DateTimeFormatter.ofPattern(templates.label("format.reopening", "EEEE d MMMM HH:mm"), Locale.FRENCH);
        this.dateTime = DateTimeFormatter.ofPattern(templates.label("format.date-time", "dd/MM/yyyy HH:mm"), Locale.FRENCH)
                .withZone(hours.zone());
        this.date = DateTimeFormatter.ofPattern(templates.label("format.date", "dd/MM/yyyy"), Locale.FRENCH);
    }

    /**
     * True when the ticket is about a gas smell: the classifier's rule {@code gas-smell}, or the text speaks of
     * a smell or leak of gas (not negated: "pas d'odeur de gaz"), or an urgent ticket says "gaz" at all.
     */
    public static boolean gasSmell(Ticket ticket, String mailText) {
        if (ClassificationWording.rulesOf(ticket.classificationExplanation()).contains("urgency:gas-smell")) {
            return true;
        }
        String text = fold(String.join("\n", nz(ticket.subject()), nz(ticket.description()), nz(mailText)));
        var smell = GAS_SMELL.matcher(text);
        while (smell.find()) {
            if (!NEGATION.matcher(text.substring(Math.max(0, smell.start() - 30), smell.start())).find()) {
                return true;
            }
        }
        return ticket.urgency() == Urgency.URGENT && GAS.matcher(text).find();
    }

    /** An urgent ticket whose text speaks of a water leak or flood (accents folded). */
    static boolean urgentWater(Ticket ticket, String mailText) {
        if (ticket.urgency() != Urgency.URGENT) {
            return false;
        }
        String text = fold(String.join("\n", nz(ticket.subject()), nz(ticket.description()), nz(mailText)));
        return WATER.matcher(text).find();
    }

    /** True when the ticket is urgent and the classifier's urgency rule {@code rule} fired on its mail. */
    static boolean urgentRule(Ticket ticket, String rule) {
        return ticket.urgency() == Urgency.URGENT && ClassificationWording.rulesOf(ticket.classificationExplanation()).contains(rule);
    }

    /** The template names tried for an acknowledgement, best first. */
    static List<String> acknowledgementCandidates(String category, Urgency urgency) {
        String u = urgency == null ? Urgency.NORMAL.name() : urgency.name();
        if (urgency == Urgency.URGENT) {
            return List.of("ack/" + category + "-" + u, "ack/default-" + u, "ack/" + category, "ack/default");
        }
        return List.of("ack/" + category + "-" + u, "ack/" + category, "ack/default-" + u, "ack/default");
    }

    public MailTemplates.Rendered acknowledgement(Ticket ticket, String greetingName, String mailText, Instant now) {
        Map<String, Object> model = common(ticket, mailText);
        model.put("greetingName", blankToNull(greetingName == null ? null : MailTemplates.oneLine(greetingName)));
        boolean closed = !hours.isOpen(now);
        model.put("closed", closed);
        model.put("reopens", closed ? hours.nextOpening(now).map(reopening::format).orElse(null) : null);
        model.put("onCall", closed && ticket.urgency() == Urgency.URGENT ? blankToNull(settings.getOnCallNumber()) : null);
        model.put("officePhone", blankToNull(settings.getOfficePhone()));
        String template = templates.firstExisting(acknowledgementCandidates(ticket.category().name(), ticket.urgency()));
        return templates.render(template, model);
    }

    public MailTemplates.Rendered notification(Ticket ticket) {
        Map<String, Object> model = common(ticket, null);
        model.put("urgencyLabel", templates.label("urgency." + ticket.urgency().name(), ticket.urgency().name()));
        model.put("originLabel", templates.label("origin." + ticket.origin().name(), ticket.origin().name()));
        model.put("createdAt", dateTime.format(ticket.createdAt()));
        model.put("description", nz(ticket.description()));
        model.put("explanation", ClassificationWording.of(ticket.classificationExplanation(), templates::label));
        CustomerCards.Card card = ticket.customerId() == null || cards == null ? null : cards.apply(ticket.id());
        if (card != null) {
            model.put("customer", CustomerCards.model(card, dateTime::format, date::format,
                    c -> templates.label("category." + c, c), s -> templates.label("status." + s, s)));
            model.put("customerLabel", MailTemplates.oneLine(nz(card.name())));
        } else {
            Contact contact = ticket.contact() == null ? Contact.NONE : ticket.contact();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", nz(contact.name()));
            c.put("email", nz(contact.email()));
            c.put("phone", nz(contact.phone()));
            model.put("contact", c);
            model.put("customerLabel", blankToNull(MailTemplates.oneLine(firstNonBlank(contact.name(), contact.email(), contact.phone()))));
        }
        return templates.render("notification", model);
    }

    private Map<String, Object> common(Ticket ticket, String mailText) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("reference", ticket.reference());
        model.put("subject", MailTemplates.oneLine(nz(ticket.subject())));
        model.put("categoryLabel", templates.label("category." + ticket.category().name(), ticket.category().name()));
        model.put("urgent", ticket.urgency() == Urgency.URGENT);
        boolean gas = gasSmell(ticket, mailText);
        model.put("gas", gas);
        model.put("carbonMonoxide", urgentRule(ticket, "urgency:carbon-monoxide"));
        model.put("water", !gas && (urgentRule(ticket, "urgency:water-flood") || urgentRule(ticket, "urgency:flooding")
                || urgentRule(ticket, "urgency:urgent-leak") || urgentWater(ticket, mailText)));
        model.put("electrical", !gas && urgentRule(ticket, "urgency:electrical-danger"));
        model.put("gasService", settings.getGasEmergencyService());
        model.put("gasNumber", settings.getGasEmergencyNumber());
        model.put("company", settings.getCompanyName());
        return model;
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replace('’', '\'');
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
