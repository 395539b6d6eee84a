package fr.relais.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

abstract class AbstractAuditLogTest extends AbstractStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-03T17:30:00.123456Z");

    @Test
    void recordsEveryFieldOfAWriteAndReadsItBack() {
        var log = new AuditLog(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));

        long id = log.record(new AuditWrite("SAGE", "customer", "CDUPONT", "CT_Telephone", "04 50 12 34 56",
                "+33450123456", "propagated from ERP customer C0042", "sync-7"));

        List<AuditEntry> entries = log.findByRecord("SAGE", "customer", "CDUPONT");
        assertThat(entries).containsExactly(new AuditEntry(id, NOW, "SAGE", "customer", "CDUPONT", "CT_Telephone",
                "04 50 12 34 56", "+33450123456", "propagated from ERP customer C0042", "sync-7"));
    }

    @Test
    void keepsEntriesInOrderAndFindsThemByCorrelation() {
        var log = new AuditLog(dataSource);
        log.recordAll(List.of(
                new AuditWrite("ERP", "customer", "C0042", null, null, "created", "created from Sage CDUPONT", "run-1"),
                new AuditWrite("ERP", "customer", "C0042", "email", null, "a@b.fr", "created from Sage CDUPONT",
                        "run-1"),
                new AuditWrite("SHARE", "file", "clients/C0042/devis.pdf", null, null, "sha256:ab",
                        "quote filed", "run-2")));

        assertThat(log.findByCorrelationId("run-1")).extracting(AuditEntry::field).containsExactly(null, "email");
        assertThat(log.latest(2)).extracting(AuditEntry::system).containsExactly("SHARE", "ERP");
    }

    @Test
    void cutsValuesLongerThanTheColumn() {
        var log = new AuditLog(dataSource);
        String huge = "x".repeat(10_000);

        log.record(new AuditWrite("OUTLOOK", "mail", "id-1", "body", null, huge, "acknowledgement sent", null));

        assertThat(log.findByRecord("OUTLOOK", "mail", "id-1").get(0).after()).hasSize(AuditLog.VALUE_MAX);
    }

    @Test
    void offersNoWayToChangeOrRemoveAnEntry() {
        List<String> publicMethods = Arrays.stream(AuditLog.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)
                .distinct()
                .toList();

        assertThat(publicMethods).containsExactlyInAnyOrder("record", "recordAll", "findByRecord",
                "findByCorrelationId", "latest");
    }
}
