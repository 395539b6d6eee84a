package fr.relais.mail.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoopDetectorTest {

    private static LoopSignals detect(String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(name.toLowerCase(), List.of(value));
        return LoopDetector.detect(headers, "text/plain", false, "jean@example.fr", "<jean@example.fr>");
    }

    @ParameterizedTest(name = "{0}: {1} -> autoReply={2} bounce={3} bulk={4}")
    @CsvSource(delimiter = '|', value = {
            "Auto-Submitted | auto-replied | true | false | false",
            "Auto-Submitted | auto-generated | true | false | false",
            "Auto-Submitted | auto-notified; owner-email=x@y.fr | true | false | false",
            "Auto-Submitted | no | false | false | false",
            "Auto-Submitted | No ; comment | false | false | false",
            "X-Autoreply | yes | true | false | false",
            "X-Autorespond | Vacation | true | false | false",
            "X-Auto-Response-Suppress | All | true | false | false",
            "X-Auto-Response-Suppress | DR, OOF, AutoReply | true | false | false",
            "X-Auto-Response-Suppress | DR, RN, NRN | false | false | false",
            "Precedence | bulk | false | false | true",
            "Precedence | list | false | false | true",
            "Precedence | junk | false | false | true",
            "Precedence | auto_reply | true | false | false",
            "Precedence | first-class | false | false | false",
            "List-Id | Chauffagistes <chauffe.lists.example.org> | false | false | true",
            "List-Unsubscribe | <https://news.example.com/u?x=1> | false | false | true",
            "X-Failed-Recipients | nobody@example.fr | false | true | false",
            "Subject | Réponse automatique : absent | false | false | false",
    })
    void readsHeaders(String name, String value, boolean autoReply, boolean bounce, boolean bulk) {
        LoopSignals signals = detect(name, value);
        assertThat(signals.autoReply()).isEqualTo(autoReply);
        assertThat(signals.bounce()).isEqualTo(bounce);
        assertThat(signals.bulk()).isEqualTo(bulk);
        assertThat(signals.machineGenerated()).isEqualTo(autoReply || bounce || bulk);
        if (signals.machineGenerated()) {
            assertThat(signals.reasons()).singleElement().asString().startsWith(name);
        } else {
            assertThat(signals.reasons()).isEmpty();
        }
    }

    @Test
    void reportsAndNullReturnPathAreBounces() {
        LoopSignals report = LoopDetector.detect(Map.of(), "multipart/report", true, "x@example.fr", "");
        assertThat(report.bounce()).isTrue();
        assertThat(report.reasons()).contains("Content-Type: multipart/report", "part message/delivery-status");

        LoopSignals nullPath = LoopDetector.detect(Map.of(), "text/plain", false, "x@example.fr", "< >");
        assertThat(nullPath.bounce()).isTrue();
        assertThat(nullPath.reasons()).containsExactly("Return-Path: <>");
    }

    @ParameterizedTest
    @CsvSource({"mailer-daemon@mx.example.fr", "MAILER-DAEMON@example.com", "postmaster@example.fr"})
    void daemonSendersAreBounces(String from) {
        LoopSignals signals = LoopDetector.detect(Map.of(), "text/plain", false, from.toLowerCase(), "");
        assertThat(signals.bounce()).isTrue();
        assertThat(signals.reasons()).singleElement().asString().startsWith("From: ");
    }

    @Test
    void aPersonsMailIsNotMachineGenerated() {
        Map<String, List<String>> headers = Map.of("from", List.of("Jean <jean@example.fr>"),
                "subject", List.of("Fuite d'eau"), "precedence", List.of("normal"));
        LoopSignals signals = LoopDetector.detect(headers, "multipart/mixed", false, "jean@example.fr",
                "<jean@example.fr>");
        assertThat(signals).isEqualTo(LoopSignals.none());
    }

    @Test
    void severalSignalsAreAllReported() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("auto-submitted", List.of("auto-replied"));
        headers.put("x-auto-response-suppress", List.of("All"));
        headers.put("list-id", List.of("<l.example.org>"));
        LoopSignals signals = LoopDetector.detect(headers, "text/plain", false, "a@example.fr", "<>");
        assertThat(signals.autoReply()).isTrue();
        assertThat(signals.bulk()).isTrue();
        assertThat(signals.bounce()).isTrue();
        assertThat(signals.reasons()).hasSize(4);
    }
}
