package fr.relais.mail.outbound;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings bind as documented in docs/mail-outbound.md (as environment variables give them). */
class OutboundPropertiesTest {

    @Test
    void settingsBindFromTheirDocumentedForms() {
        var source = new MapConfigurationPropertySource(Map.of(
                "relais.mail.outbound.ack-rate-limit", "2",
                "relais.mail.outbound.ack-rate-window", "PT30M",
                "relais.mail.outbound.holidays", "2026-12-24,2026-12-31",
                "relais.mail.outbound.office-hours.saturday", "09:00-12:00",
                "relais.mail.outbound.on-call-number", "06 00 00 00 74"));
        Binder binder = new Binder(java.util.List.of(source), null, ApplicationConversionService.getSharedInstance());

        OutboundProperties p = binder.bindOrCreate("relais.mail.outbound", Bindable.of(OutboundProperties.class));

        assertThat(p.getAckRateLimit()).isEqualTo(2);
        assertThat(p.getAckRateWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.getHolidays()).containsExactly(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31));
        assertThat(p.getOfficeHours()).containsEntry(DayOfWeek.SATURDAY, "09:00-12:00")
                .containsEntry(DayOfWeek.MONDAY, "08:00-12:00,13:30-17:30");
        assertThat(p.getOnCallNumber()).isEqualTo("06 00 00 00 74");
        assertThat(OfficeHours.of(p).isOpen(java.time.Instant.parse("2026-12-05T09:00:00Z"))).isTrue();
    }
}
