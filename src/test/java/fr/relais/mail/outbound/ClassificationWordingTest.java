package fr.relais.mail.outbound;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Claire reads why a mail was classified in French words, not the classifier's feature dump. */
class ClassificationWordingTest {

    private static BiFunction<String, String, String> shippedLabels() throws IOException {
        Properties labels = new Properties();
        try (var in = ClassificationWordingTest.class.getResourceAsStream("/templates/mail/labels.properties")) {
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return labels::getProperty;
    }

    @Test
    void rulesAreNamedAndOnlyWordsOfTheMailAreShown() throws IOException {
        String stored = "rules: urgency:gas-smell, urgency:model; words: body:#2 #2(+0.55), body:odeur gaz(+1.92),"
                + " chars:gaz_(+0.40), subject:fuite(+0.30); urgency words: body:odeur(+0.90); p(urgent)=0.93";

        String line = ClassificationWording.of(stored, shippedLabels());

        assertThat(line).isEqualTo("règles : odeur de gaz, urgence reconnue au texte ; mots relevés : « odeur gaz », « fuite », « odeur »");
        assertThat(line).doesNotContain("#2", "chars:", "+0.", "p(urgent)");
    }

    @Test
    void parameterisedAndUnknownRulesStayReadable() throws IOException {
        var labels = shippedLabels();

        assertThat(ClassificationWording.ruleLabel("context:reply-to-ticket-SAV", labels)).isEqualTo("réponse à un ticket (Dépannage / SAV)");
        assertThat(ClassificationWording.ruleLabel("safeguard:request-found(devis)", labels))
                .isEqualTo("une demande est écrite, donc un ticket (devis)");
        assertThat(ClassificationWording.ruleLabel("urgency:a-rule-added-later", labels)).isEqualTo("urgency:a-rule-added-later");
    }

    @Test
    void nothingToSayGivesNoLine() throws IOException {
        assertThat(ClassificationWording.of(null, shippedLabels())).isNull();
        assertThat(ClassificationWording.of("; p(urgent)=0.10", shippedLabels())).isNull();
    }

    @Test
    void everyUrgencyAndHeaderRuleOfTheShippedMappingHasAFrenchLabel() throws IOException {
        var labels = shippedLabels();
        String mapping = java.nio.file.Files.readString(java.nio.file.Path.of("mappings/classification.yaml"));
        var ids = java.util.regex.Pattern.compile("(?m)^\\s*- id: ([a-z0-9-]+)").matcher(mapping);
        int seen = 0;
        while (ids.find()) {
            String id = ids.group(1);
            boolean labelled = labels.apply("rule.urgency." + id, null) != null || labels.apply("rule.header." + id, null) != null;
            assertThat(labelled).as("French label for rule %s", id).isTrue();
            seen++;
        }
        assertThat(seen).isGreaterThan(10);
    }
}
