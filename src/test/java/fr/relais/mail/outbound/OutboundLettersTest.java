package fr.relais.mail.outbound;

import fr.relais.ticket.Contact;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketStatus;
import fr.relais.ticket.Urgency;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The French templates: variants per category and urgency, gas smell, closed office, on-call, escaping. */
class OutboundLettersTest {

    /** Thursday 3 December 2026, 10:15 in Paris: open. */
    static final Instant OPEN = Instant.parse("2026-12-03T09:15:00Z");
    /** Friday 4 December 2026, 21:00 in Paris: closed until Monday 7 December 8:00. */
    static final Instant FRIDAY_NIGHT = Instant.parse("2026-12-04T20:00:00Z");

    private final OutboundProperties settings = settings();
    private final OutboundLetters letters = new OutboundLetters(new MailTemplates(), settings, OfficeHours.of(settings),
            id -> new CustomerCards.Card(id, "Dupont <Chauffage> & Fils", "12 rue des Alpes, 74000 Annecy",
                    "dupont@example.fr", List.of("+33450000001"), List.of("C0042"), List.of("CDUPONT"),
                    List.of(new CustomerCards.Job("CH-2026-0007", "Remplacement chaudière", "EN_COURS", "Annecy",
                            LocalDate.of(2026, 11, 2))),
                    null, List.of(new CustomerCards.PastTicket("REL-2026-000099", OPEN.minusSeconds(86_400 * 30),
                    "SAV", "RESOLVED", "Radiateur froid"))));

    private static OutboundProperties settings() {
        OutboundProperties s = new OutboundProperties();
        s.setOnCallNumber("06 00 00 00 74");
        s.setCompanyName("Relais Chauffage");
        return s;
    }

    static Ticket ticket(TicketCategory category, Urgency urgency, TicketOrigin origin, Long customerId,
                         String subject, String description, String explanation) {
        return new Ticket(42, "REL-2026-000123", category, urgency, TicketStatus.NEW, origin, customerId,
                new Contact("Jean <b>Perrin</b>", "jean@example.fr", "06 12 34 56 78"), subject, description, null, null,
                0.9, explanation, OPEN, OPEN, 0);
    }

    @Test
    void eachCategoryAndUrgencyHasItsWordsAndTheReferenceInTheSubject() {
        var sav = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "Chaudière en panne", "", null), "Jean", "", OPEN);
        var savUrgent = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Fuite d'eau", "", null), "Jean", "", OPEN);
        var devis = letters.acknowledgement(ticket(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "Devis", "", null), "", "", OPEN);
        var urgentComplaint = letters.acknowledgement(ticket(TicketCategory.RECLAMATION, Urgency.URGENT,
                TicketOrigin.MAIL, null, "x", "", null), "", "", OPEN);
        var other = letters.acknowledgement(ticket(TicketCategory.AUTRE, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "x", "", null), "", "", OPEN);

        assertThat(sav.template()).isEqualTo("ack/SAV");
        assertThat(sav.subject()).isEqualTo("[REL-2026-000123] Votre demande de dépannage est enregistrée");
        assertThat(sav.text()).startsWith("Bonjour Jean,").contains("demande de dépannage").contains("REL-2026-000123")
                .doesNotContain("{{").doesNotContain("Nos bureaux sont actuellement fermés");
        assertThat(sav.html()).contains("<html lang=\"fr\">").contains("<strong>REL-2026-000123</strong>");
        assertThat(savUrgent.template()).isEqualTo("ack/SAV-URGENT");
        assertThat(savUrgent.subject()).isEqualTo("[REL-2026-000123] Dépannage urgent : demande prise en charge");
        assertThat(devis.template()).isEqualTo("ack/DEVIS");
        assertThat(devis.text()).startsWith("Bonjour,").contains("demande de devis");
        assertThat(urgentComplaint.template()).as("urgency before category").isEqualTo("ack/default-URGENT");
        assertThat(other.template()).isEqualTo("ack/default");
        assertThat(other.subject()).isEqualTo("[REL-2026-000123] Nous avons bien reçu votre message");
    }

    @Test
    void anUrgentLeakSaysToShutTheWaterOffAndCarbonMonoxideOrElectricityGetTheirOwnSafetyWords() {
        var leak = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Fuite d'eau sous la chaudière", "l'eau coule par terre", "rules: urgency:model; p(urgent)=0.65"), "", "", OPEN);
        var flood = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Problème", "", "rules: urgency:water-flood; p(urgent)=0.91"), "", "", OPEN);
        var normalLeak = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "Petite fuite d'eau au robinet", "", null), "", "", OPEN);
        var co = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Détecteur qui sonne", "", "rules: urgency:carbon-monoxide; p(urgent)=0.99"), "", "", OPEN);
        var sparks = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Tableau électrique", "", "rules: urgency:electrical-danger; p(urgent)=0.97"), "", "", OPEN);

        assertThat(leak.text()).contains("coupez l'arrivée d'eau").doesNotContain("MONOXYDE").doesNotContain("ODEUR DE GAZ");
        assertThat(leak.html()).contains("coupez l'arrivée d'eau");
        assertThat(flood.text()).contains("coupez l'arrivée d'eau");
        assertThat(normalLeak.text()).as("a dripping tap is not an emergency").doesNotContain("coupez l'arrivée d'eau");
        assertThat(co.text()).contains("MONOXYDE DE CARBONE").contains("Ouvrez les fenêtres").contains("112")
                .doesNotContain("coupez l'arrivée d'eau");
        assertThat(co.html()).contains("Monoxyde de carbone");
        assertThat(sparks.text()).contains("coupez le courant au disjoncteur général").doesNotContain("coupez l'arrivée d'eau");
    }

    @Test
    void aGasSmellSaysToLeaveNotToTouchAnySwitchAndToCallTheGasEmergencyNumber() {
        var byRule = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Problème", "", "rules: urgency:gas-smell; p(urgent)=0.98"), "", "", OPEN);
        var byText = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "Chaudière", "Ça sent le gaz dans la cuisine", null), "", "", OPEN);
        var negated = letters.acknowledgement(ticket(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "Devis chaudière gaz", "Aucune odeur de gaz, juste un devis pour remplacer la chaudière gaz.", null),
                "", "", OPEN);

        for (var letter : List.of(byRule, byText)) {
            assertThat(letter.text()).contains("Quittez les lieux").contains("Ne touchez à aucun interrupteur")
                    .contains("Pas de flamme").contains("GRDF Urgence Gaz au 0 800 47 33 33");
            assertThat(letter.html()).contains("Quittez les lieux").contains("0 800 47 33 33");
        }
        assertThat(byText.text().indexOf("Quittez")).as("the safety first").isLessThan(byText.text().indexOf("REL-2026-000123"));
        assertThat(negated.text()).doesNotContain("Quittez les lieux");
    }

    @Test
    void theGasEmergencyNumberIsASetting() {
        OutboundProperties other = settings();
        other.setGasEmergencyNumber("0 800 00 00 00");
        var letter = new OutboundLetters(new MailTemplates(), other, OfficeHours.of(other), id -> null)
                .acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null, "Odeur de gaz", "", null),
                        "", "", OPEN);
        assertThat(letter.text()).contains("0 800 00 00 00").doesNotContain("47 33 33");
    }

    @Test
    void outsideOpeningHoursItSaysWhenTheOfficeReopensAndWhenUrgentTheOnCallNumber() {
        var normal = letters.acknowledgement(ticket(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "Devis", "", null), "", "", FRIDAY_NIGHT);
        var urgent = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Plus de chauffage", "", null), "", "", FRIDAY_NIGHT);
        var urgentOpen = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                "Plus de chauffage", "", null), "", "", OPEN);

        assertThat(normal.text()).contains("Nos bureaux sont actuellement fermés ; ils rouvrent lundi 7 décembre à 8h00.")
                .doesNotContain("astreinte");
        assertThat(urgent.text()).contains("lundi 7 décembre à 8h00").contains("astreinte est joignable au 06 00 00 00 74");
        assertThat(urgent.html()).contains("<strong>06 00 00 00 74</strong>");
        assertThat(urgentOpen.text()).doesNotContain("fermés").doesNotContain("astreinte");
    }

    @Test
    void holidaysAndWeekdaysFollowTheSettings() {
        OutboundProperties s = settings();
        s.getOfficeHours().put(DayOfWeek.SATURDAY, "09:00-12:00");
        s.setHolidays(List.of(LocalDate.of(2026, 12, 7)));
        OfficeHours hours = OfficeHours.of(s);

        assertThat(hours.isOpen(OPEN)).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-12-05T09:00:00Z"))).as("Saturday 10:00").isTrue();
        assertThat(hours.nextOpening(Instant.parse("2026-12-05T12:00:00Z")))
                .as("Saturday 13:00 → Monday is a holiday → Tuesday")
                .hasValueSatisfying(t -> assertThat(t.toLocalDateTime().toString()).isEqualTo("2026-12-08T08:00"));
        assertThat(OfficeHours.of(settings()).isOpen(Instant.parse("2026-12-25T10:00:00Z"))).as("Christmas").isFalse();
        assertThat(OfficeHours.of(settings()).isOpen(Instant.parse("2026-12-03T11:30:00Z"))).as("lunch break").isFalse();
    }

    @Test
    void customerDataIsEscapedInHtmlAndTheSubjectStaysOnOneLine() {
        var letter = letters.acknowledgement(ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, null,
                "x", "", null), "<script>alert(1)</script> Jean & Cie", "", OPEN);
        var notification = letters.notification(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.PHONE, null,
                "Fuite\r\nBcc: victim@example.fr <img src=x onerror=alert(1)>", "<a href=\"javascript:x\">clic</a>", null));

        assertThat(letter.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; Jean &amp; Cie").doesNotContain("<script>");
        assertThat(letter.text()).contains("Bonjour <script>alert(1)</script> Jean & Cie,");
        assertThat(notification.subject()).doesNotContain("\n").doesNotContain("\r").contains("Fuite Bcc:");
        assertThat(notification.html()).doesNotContain("<img").doesNotContain("<a href").contains("&lt;img")
                .contains("Jean &lt;b&gt;Perrin&lt;/b&gt;");
    }

    @Test
    void claireSeesTheCustomerCardOrTheContactToQualify() {
        var known = letters.notification(ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, 7L,
                "Plus de chauffage", "La chaudière affiche F28.", "rules: urgency:no-heating"));
        var unknown = letters.notification(ticket(TicketCategory.RDV, Urgency.NORMAL, TicketOrigin.PHONE, null,
                "Entretien annuel", "Rappeler pour fixer une date.", null));

        assertThat(known.subject()).isEqualTo("[REL-2026-000123] URGENT · Dépannage / SAV · Dupont <Chauffage> & Fils · Plus de chauffage");
        assertThat(known.text()).contains("Codes ERP  : C0042").contains("Codes Sage : CDUPONT").contains("+33450000001")
                .contains("CH-2026-0007 Remplacement chaudière (EN_COURS, Annecy, depuis le 02/11/2026)")
                .contains("REL-2026-000099").contains("Dépannage / SAV · résolu · Radiateur froid")
                .contains("La chaudière affiche F28.").contains("Urgence   : URGENT");
        assertThat(known.html()).contains("Dupont &lt;Chauffage&gt; &amp; Fils").contains("C0042").contains("CDUPONT");
        assertThat(unknown.text()).contains("Expéditeur inconnu : contact à qualifier").contains("06 12 34 56 78")
                .contains("(téléphone,").doesNotContain("Codes ERP");
        assertThat(unknown.subject()).startsWith("[REL-2026-000123] Rendez-vous · ");
    }
}
