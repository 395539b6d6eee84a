package fr.relais.mail.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the mails the hub sends ({@code relais.mail.outbound.*}); the defaults here are the documented
 * ones (docs/mail-outbound.md), so that nothing has to be set for the demo. The signing key of the hub's
 * Message-IDs is {@code relais.mail.signing-key} (see {@link SigningKey}).
 */
@ConfigurationProperties("relais.mail.outbound")
public class OutboundProperties {

    /** Acknowledgements per sender (and per recipient) within {@link #ackRateWindow}. */
    private int ackRateLimit = 5;

    private Duration ackRateWindow = Duration.ofHours(1);

    /** Attempts at sending one mail before it is marked FAILED. */
    private int maxAttempts = 5;

    /** Delay before the first retry after a refusal; doubled at each attempt, at most {@link #maxRetryDelay}. */
    private Duration retryDelay = Duration.ofSeconds(30);

    private Duration maxRetryDelay = Duration.ofMinutes(30);

    /** Owed mails taken per poll (the route polls every relais.mail.outbound.poll-interval ms). */
    private int batchSize = 200;

    /** Other addresses of the hub (aliases of the shared mailbox): never acknowledged. */
    private List<String> ownAddresses = new ArrayList<>();

    /** The gas emergency number said in acknowledgements about a gas smell. */
    private String gasEmergencyNumber = "0 800 47 33 33";

    /** Name of the gas emergency service. */
    private String gasEmergencyService = "GRDF Urgence Gaz";

    /** The on-call number given outside opening hours for urgent matters (nothing said when empty). */
    private String onCallNumber = "";

    /** The company's name, as it signs its mails. */
    private String companyName = "Relais";

    /** The company's phone during opening hours (nothing said when empty). */
    private String officePhone = "";

    /** Time zone of the opening hours. */
    private String timeZone = "Europe/Paris";

    /** Opening hours per weekday, e.g. {@code 08:00-12:00,13:30-17:30}; a day not listed is closed. */
    private Map<DayOfWeek, String> officeHours = defaultHours();

    /** Days the office is closed (public holidays, company closure). */
    private List<LocalDate> holidays = new ArrayList<>(FRENCH_PUBLIC_HOLIDAYS);

    /** ERP job statuses that count as open in Claire's customer card. */
    private List<String> openJobStatuses = new ArrayList<>(List.of("PREVU", "EN_COURS"));

    /** How many of the customer's previous tickets Claire's notification lists. */
    private int recentTickets = 5;

    /** Time allowed to the ERP query of the customer card (the card says when the ERP did not answer). */
    private Duration erpTimeout = Duration.ofSeconds(3);

    /** France's public holidays of 2026 and 2027 (the default list; replace it to add company closures). */
    static final List<LocalDate> FRENCH_PUBLIC_HOLIDAYS = List.of(
            LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 8),
            LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25), LocalDate.of(2026, 7, 14), LocalDate.of(2026, 8, 15),
            LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 25),
            LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 6),
            LocalDate.of(2027, 5, 8), LocalDate.of(2027, 5, 17), LocalDate.of(2027, 7, 14), LocalDate.of(2027, 8, 15),
            LocalDate.of(2027, 11, 1), LocalDate.of(2027, 11, 11), LocalDate.of(2027, 12, 25));

    private static Map<DayOfWeek, String> defaultHours() {
        Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            hours.put(day, "08:00-12:00,13:30-17:30");
        }
        hours.put(DayOfWeek.FRIDAY, "08:00-12:00,13:30-16:30");
        return hours;
    }

    public int getAckRateLimit() { return ackRateLimit; }
    public void setAckRateLimit(int ackRateLimit) { this.ackRateLimit = ackRateLimit; }
    public Duration getAckRateWindow() { return ackRateWindow; }
    public void setAckRateWindow(Duration ackRateWindow) { this.ackRateWindow = ackRateWindow; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
    public Duration getMaxRetryDelay() { return maxRetryDelay; }
    public void setMaxRetryDelay(Duration maxRetryDelay) { this.maxRetryDelay = maxRetryDelay; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public List<String> getOwnAddresses() { return ownAddresses; }
    public void setOwnAddresses(List<String> ownAddresses) { this.ownAddresses = ownAddresses; }
    public String getGasEmergencyNumber() { return gasEmergencyNumber; }
    public void setGasEmergencyNumber(String gasEmergencyNumber) { this.gasEmergencyNumber = gasEmergencyNumber; }
    public String getGasEmergencyService() { return gasEmergencyService; }
    public void setGasEmergencyService(String gasEmergencyService) { this.gasEmergencyService = gasEmergencyService; }
    public String getOnCallNumber() { return onCallNumber; }
    public void setOnCallNumber(String onCallNumber) { this.onCallNumber = onCallNumber; }
    public String getCompanyName() { return companyName; }
    public void setCompanyName(String companyName) { this.companyName = companyName; }
    public String getOfficePhone() { return officePhone; }
    public void setOfficePhone(String officePhone) { this.officePhone = officePhone; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public Map<DayOfWeek, String> getOfficeHours() { return officeHours; }
    public void setOfficeHours(Map<DayOfWeek, String> officeHours) { this.officeHours = officeHours; }
    public List<LocalDate> getHolidays() { return holidays; }
    public void setHolidays(List<LocalDate> holidays) { this.holidays = holidays; }
    public List<String> getOpenJobStatuses() { return openJobStatuses; }
    public void setOpenJobStatuses(List<String> openJobStatuses) { this.openJobStatuses = openJobStatuses; }
    public int getRecentTickets() { return recentTickets; }
    public void setRecentTickets(int recentTickets) { this.recentTickets = recentTickets; }
    public Duration getErpTimeout() { return erpTimeout; }
    public void setErpTimeout(Duration erpTimeout) { this.erpTimeout = erpTimeout; }
}
