package fr.relais.mail.classify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassificationRulesTest {

    private static final ClassificationRules RULES = ClassificationRules.load();

    private static MailText withHeaders(String from, Map<String, List<String>> headers) {
        return new MailText(headers, from, "", "sujet", "texte", "text/plain", true);
    }

    private static List<String> urgency(String text) {
        return RULES.urgencyRulesFired(TextNormalizer.normalize(text));
    }

    @Test
    void headersThatDecide() {
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("auto-submitted", List.of("auto-replied")))).id())
                .isEqualTo("auto-submitted");
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("auto-submitted", List.of("no"))))).isNull();
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("x-autoreply", List.of("yes")))).id()).isEqualTo("x-autoreply");
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("precedence", List.of("bulk")))).id()).isEqualTo("precedence-bulk");
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("precedence", List.of("first-class"))))).isNull();
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("list-unsubscribe", List.of("<mailto:u@x.fr>")))).orSupplier()).isTrue();
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("content-type", List.of("multipart/report; report-type=delivery-status")))).id())
                .isEqualTo("delivery-report");
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("return-path", List.of("<>")))).id()).isEqualTo("null-return-path");
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("from", List.of("Mail Delivery <MAILER-DAEMON@mx.fr>")))).id())
                .isEqualTo("bounce-sender");
        assertThat(RULES.headerDecision(withHeaders("a@b.fr", Map.of("in-reply-to", List.of("<x@y>"))))).isNull();
    }

    @Test
    void supplierDomainsMatchSubDomains() {
        assertThat(RULES.isSupplier(MailText.of("agence.annecy@cedeo.fr", "", ""))).isTrue();
        assertThat(RULES.isSupplier(MailText.of("compta@annecy.rexel.fr", "", ""))).isTrue();
        assertThat(RULES.isSupplier(MailText.of("jean@gmail.com", "", ""))).isFalse();
    }

    @Test
    void gasSmellWithTyposAndNegations() {
        assertThat(urgency("Bonjour ça sent le gaz dans la cuisine")).contains("gas-smell");
        assertThat(urgency("ODEUR DE GAZ au sous-sol")).contains("gas-smell");
        assertThat(urgency("une forte odeure de gas ce matin")).contains("gas-smell");
        assertThat(urgency("Il n'y a pas d'odeur de gaz, juste un bruit")).doesNotContain("gas-smell");
        assertThat(urgency("ça ne sent pas le gaz mais la chaudière fait du bruit")).doesNotContain("gas-smell");
        assertThat(urgency("Aucune odeur de gaz. Par contre le brûleur claque.")).doesNotContain("gas-smell");
        assertThat(urgency("Pas de panique. Ça sent le gaz dans l'entrée")).contains("gas-smell");
    }

    @Test
    void waterLeakNeedsFlooding() {
        assertThat(urgency("grosse fuite sous l'évier la cuisine est inondée")).contains("water-flood");
        assertThat(urgency("fuitte d'eau, l'appartement est innondé")).contains("water-flood");
        assertThat(urgency("le ballon fuit et ça coule partout")).contains("water-flood");
        assertThat(urgency("petite fuite au robinet du lavabo, rien d'urgent")).doesNotContain("water-flood");
    }

    @Test
    void electricalDanger() {
        assertThat(urgency("la prise fait des étincelles")).contains("electrical-danger");
        assertThat(urgency("le tableau grésille et odeur de brûlé")).contains("electrical-danger");
        assertThat(urgency("pas d'étincelles ni de fumée, juste le disjoncteur qui saute")).doesNotContain("electrical-danger");
        assertThat(urgency("le détecteur de fumée bipe, il faut changer la pile")).doesNotContain("electrical-danger");
    }

    @Test
    void noHeatingNeedsAVulnerablePersonOrCold() {
        assertThat(urgency("plus de chauffage depuis hier et ma mère a 89 ans")).contains("no-heating-vulnerable");
        assertThat(urgency("chaudiere en panne, on a un bebe de 3 mois")).contains("no-heating-vulnerable");
        assertThat(urgency("plus de chauffage il fait 13 degres dans la maison")).contains("no-heating-vulnerable");
        assertThat(urgency("plus de chauffage depuis ce matin")).doesNotContain("no-heating-vulnerable");
        assertThat(urgency("entretien annuel de la chaudière, ma mère a 89 ans")).doesNotContain("no-heating-vulnerable");
    }

    @Test
    void coldRoomDown() {
        assertThat(urgency("la chambre froide est en panne, elle monte à 12°")).contains("cold-room-down");
        assertThat(urgency("vitrine réfrigérée ne refroidit plus")).contains("cold-room-down");
        assertThat(urgency("devis pour une chambre froide neuve")).doesNotContain("cold-room-down");
    }

    @Test
    void requestPatternsGuardNonTicket() {
        assertThat(RULES.findRequest(TextNormalizer.normalize("Pouvez-vous me rappeler ?"))).isNotNull();
        assertThat(RULES.findRequest(TextNormalizer.normalize("Merci beaucoup, bonne journée"))).isNull();
    }

    @Test
    void normalizerFoldsAccentsAndSqueezesDoubles() {
        assertThat(TextNormalizer.normalize("Innondé, CHAUFFAGE’s")).isEqualTo("inonde, chaufage's");
    }

    @Test
    void companyCanEditTheRulesFileWithoutABuild(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        String shipped;
        try (var in = ClassificationRules.class.getClassLoader().getResourceAsStream(ClassificationRules.RESOURCE)) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.nio.file.Path edited = tmp.resolve("classification.yaml");
        java.nio.file.Files.writeString(edited, shipped.replace("supplierDomains:\n", "supplierDomains:\n  - plomberie-grossiste.example\n")
                .replace("    - id: cold-room-down\n", "    - id: chimney-fire\n      groups:\n        - patterns:\n"
                        + "            - 'ramoneur introuvable'\n    - id: cold-room-down\n"));
        ClassificationRules rules = ClassificationRules.load(edited);
        assertThat(rules.isSupplier(MailText.of("ventes@plomberie-grossiste.example", "", ""))).isTrue();
        assertThat(rules.urgencyRulesFired(TextNormalizer.normalize("Ramoneur introuvable !"))).containsExactly("chimney-fire");
        assertThat(RULES.urgencyRulesFired(TextNormalizer.normalize("Ramoneur introuvable !"))).isEmpty();
    }
}
