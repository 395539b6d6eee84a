package fr.relais.erp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the MDE ERP connector ({@code relais.erp.*}), documented in {@code connectors/erp.yaml}.
 * The defaults here are the same as in that file, so that plain Java (tests, commands) sees the same values.
 * The real MDE schema is not known yet: every table and column name is a setting, and the simulated
 * schema of the demo mode is generated from these names.
 */
@Validated
@ConfigurationProperties("relais.erp")
public class ErpProperties {

    /** JDBC URL of the ERP database; required. */
    @NotNull(message = "must be set: the JDBC URL of the MDE ERP database, e.g. jdbc:sqlserver://host:1433;databaseName=MDE_DOS_COMPANY (env RELAIS_ERP_URL)")
    @Pattern(regexp = "jdbc:[A-Za-z0-9]+:.+",
            message = "must be a JDBC URL such as jdbc:sqlserver://host:1433;databaseName=MDE_DOS_COMPANY or jdbc:h2:file:./data/erp-sim (env RELAIS_ERP_URL)")
    private String url;

    private String username = "";

    private String password = "";

    /** Create the simulated schema and seed demo data when the database is empty (H2 only). */
    private boolean simulated = false;

    /** Connections of the pool are read-only. */
    private boolean readOnly = true;

    @Min(1) @Max(50)
    private int poolSize = 3;

    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(5);

    @NotNull
    private Duration pollInterval = Duration.ofSeconds(30);

    @Valid
    private final Tables tables = new Tables();

    @Valid
    private final Columns columns = new Columns();

    /** The demo mode writes into the database: only an embedded H2 database may be simulated. */
    @AssertTrue(message = "relais.erp.simulated=true creates and seeds a demo schema and is only allowed on an H2 URL (jdbc:h2:...); "
            + "set relais.erp.simulated=false (env RELAIS_ERP_SIMULATED=false) for a real ERP database")
    public boolean isSimulationOnH2() {
        return !simulated || url == null || url.isBlank() || url.startsWith("jdbc:h2:");
    }

    public static class Tables {
        @SqlName private String customers = "CLIENT";
        @SqlName private String jobs = "CHANTIER";
        @SqlName private String interventions = "INTERVENTION";

        public String getCustomers() { return customers; }
        public void setCustomers(String customers) { this.customers = customers; }
        public String getJobs() { return jobs; }
        public void setJobs(String jobs) { this.jobs = jobs; }
        public String getInterventions() { return interventions; }
        public void setInterventions(String interventions) { this.interventions = interventions; }
    }

    public static class Columns {
        @Valid private final CustomerColumns customer = new CustomerColumns();
        @Valid private final JobColumns job = new JobColumns();
        @Valid private final InterventionColumns intervention = new InterventionColumns();

        public CustomerColumns getCustomer() { return customer; }
        public JobColumns getJob() { return job; }
        public InterventionColumns getIntervention() { return intervention; }
    }

    /** Columns of the customers table. */
    public static class CustomerColumns {
        @SqlName private String code = "CLI_CODE";
        @SqlName private String name = "CLI_NOM";
        @SqlName private String address1 = "CLI_ADRESSE1";
        @SqlName private String address2 = "CLI_ADRESSE2";
        @SqlName private String postcode = "CLI_CP";
        @SqlName private String city = "CLI_VILLE";
        @SqlName private String phone = "CLI_TEL";
        @SqlName private String mobile = "CLI_PORTABLE";
        @SqlName private String email = "CLI_EMAIL";
        @SqlName private String siret = "CLI_SIRET";
        @SqlName private String lastModified = "CLI_DATE_MODIF";

        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getAddress1() { return address1; }
        public void setAddress1(String address1) { this.address1 = address1; }
        public String getAddress2() { return address2; }
        public void setAddress2(String address2) { this.address2 = address2; }
        public String getPostcode() { return postcode; }
        public void setPostcode(String postcode) { this.postcode = postcode; }
        public String getCity() { return city; }
        public void setCity(String city) { this.city = city; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public String getMobile() { return mobile; }
        public void setMobile(String mobile) { this.mobile = mobile; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getSiret() { return siret; }
        public void setSiret(String siret) { this.siret = siret; }
        public String getLastModified() { return lastModified; }
        public void setLastModified(String lastModified) { this.lastModified = lastModified; }
    }

    /** Columns of the jobs ("chantiers") table. */
    public static class JobColumns {
        @SqlName private String code = "CHA_CODE";
        @SqlName private String customer = "CHA_CLIENT";
        @SqlName private String label = "CHA_LIBELLE";
        @SqlName private String siteAddress = "CHA_ADRESSE";
        @SqlName private String sitePostcode = "CHA_CP";
        @SqlName private String siteCity = "CHA_VILLE";
        @SqlName private String status = "CHA_STATUT";
        @SqlName private String startDate = "CHA_DATE_DEBUT";
        @SqlName private String endDate = "CHA_DATE_FIN";
        @SqlName private String lastModified = "CHA_DATE_MODIF";

        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getCustomer() { return customer; }
        public void setCustomer(String customer) { this.customer = customer; }
        public String getLabel() { return label; }
        public void setLabel(String label) { this.label = label; }
        public String getSiteAddress() { return siteAddress; }
        public void setSiteAddress(String siteAddress) { this.siteAddress = siteAddress; }
        public String getSitePostcode() { return sitePostcode; }
        public void setSitePostcode(String sitePostcode) { this.sitePostcode = sitePostcode; }
        public String getSiteCity() { return siteCity; }
        public void setSiteCity(String siteCity) { this.siteCity = siteCity; }
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }
        public String getStartDate() { return startDate; }
        public void setStartDate(String startDate) { this.startDate = startDate; }
        public String getEndDate() { return endDate; }
        public void setEndDate(String endDate) { this.endDate = endDate; }
        public String getLastModified() { return lastModified; }
        public void setLastModified(String lastModified) { this.lastModified = lastModified; }
    }

    /** Columns of the interventions table. */
    public static class InterventionColumns {
        @SqlName private String id = "INT_ID";
        @SqlName private String job = "INT_CHANTIER";
        @SqlName private String customer = "INT_CLIENT";
        @SqlName private String technician = "INT_TECHNICIEN";
        @SqlName private String type = "INT_TYPE";
        @SqlName private String plannedStart = "INT_DEBUT_PREVU";
        @SqlName private String plannedEnd = "INT_FIN_PREVUE";
        @SqlName private String finishedAt = "INT_FIN_REELLE";
        @SqlName private String status = "INT_STATUT";
        @SqlName private String report = "INT_RAPPORT";
        @SqlName private String lastModified = "INT_DATE_MODIF";

        public String getId() { return id; }
        public void setId(String id) { this.id = id; }
        public String getJob() { return job; }
        public void setJob(String job) { this.job = job; }
        public String getCustomer() { return customer; }
        public void setCustomer(String customer) { this.customer = customer; }
        public String getTechnician() { return technician; }
        public void setTechnician(String technician) { this.technician = technician; }
        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public String getPlannedStart() { return plannedStart; }
        public void setPlannedStart(String plannedStart) { this.plannedStart = plannedStart; }
        public String getPlannedEnd() { return plannedEnd; }
        public void setPlannedEnd(String plannedEnd) { this.plannedEnd = plannedEnd; }
        public String getFinishedAt() { return finishedAt; }
        public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }
        public String getReport() { return report; }
        public void setReport(String report) { this.report = report; }
        public String getLastModified() { return lastModified; }
        public void setLastModified(String lastModified) { this.lastModified = lastModified; }
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isSimulated() { return simulated; }
    public void setSimulated(boolean simulated) { this.simulated = simulated; }
    public boolean isReadOnly() { return readOnly; }
    public void setReadOnly(boolean readOnly) { this.readOnly = readOnly; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public Tables getTables() { return tables; }
    public Columns getColumns() { return columns; }
}
