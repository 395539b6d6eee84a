package fr.relais.mail.outbound;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The office's opening hours: intervals per weekday in the company's time zone, closed on holidays.
 * Decides whether an acknowledgement says "we are closed" and when the office reopens.
 */
public final class OfficeHours {

    /** One opening interval of a day, start inclusive, end exclusive. */
    public record Interval(LocalTime start, LocalTime end) {
        public Interval {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("opening interval ends before it starts: " + start + "-" + end);
            }
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Interval>> hours;
    private final Set<LocalDate> holidays;

    public OfficeHours(ZoneId zone, Map<DayOfWeek, List<Interval>> hours, Collection<LocalDate> holidays) {
        this.zone = zone;
        this.hours = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, intervals) -> this.hours.put(day, intervals.stream()
                .sorted((a, b) -> a.start().compareTo(b.start())).toList()));
        this.holidays = new TreeSet<>(holidays);
    }

    /** From the settings: weekday → {@code 08:00-12:00,13:30-17:30} (blank: closed). */
    public static OfficeHours of(OutboundProperties settings) {
        Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
        settings.getOfficeHours().forEach((day, text) -> hours.put(day, parse(day, text)));
        return new OfficeHours(ZoneId.of(settings.getTimeZone()), hours, settings.getHolidays());
    }

    static List<Interval> parse(DayOfWeek day, String text) {
        List<Interval> intervals = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return intervals;
        }
        for (String part : text.split(",")) {
            String[] bounds = part.strip().split("-");
            try {
                intervals.add(new Interval(LocalTime.parse(bounds[0].strip()), LocalTime.parse(bounds[1].strip())));
            } catch (RuntimeException e) {
                throw new fr.relais.platform.SettingException("relais.mail.outbound.office-hours." + day.name().toLowerCase(java.util.Locale.ROOT),
                        "'" + text + "' is not a list of opening intervals", "e.g. 08:00-12:00,13:30-17:30");
            }
        }
        return intervals;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return hours.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(i -> !time.isBefore(i.start()) && time.isBefore(i.end()));
    }

    /** The next moment the office opens after {@code at} (empty when it never opens: no hours at all). */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        for (int days = 0; days <= 370; days++) {
            LocalDate date = local.toLocalDate().plusDays(days);
            if (holidays.contains(date)) {
                continue;
            }
            for (Interval interval : hours.getOrDefault(date.getDayOfWeek(), List.of())) {
                ZonedDateTime start = date.atTime(interval.start()).atZone(zone);
                if (start.isAfter(local)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }
}
