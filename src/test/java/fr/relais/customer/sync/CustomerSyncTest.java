package fr.relais.customer.sync;

import fr.relais.erp.DatabaseHealthIndicator;
import fr.relais.store.ReviewDecision;
import fr.relais.store.TestDatabase;
import fr.relais.ticket.TicketCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync on real databases: simulated ERP and Sage (H2, Sage's F_COMPTET with its minute-precision
 * cbModification), the simulated Sage bridge over HTTP, the ERP import folder with the simulated MDE import, a
 * migrated hub store. Each test drives the cycles the routes run (poll → process → flush → commit).
 */
class CustomerSyncTest {

    @TempDir
    Path temp;

    SyncFixture f;

    /** The hub store the test runs on (the PostgreSQL subclass runs every test on PostgreSQL). */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    @BeforeEach
    void start() throws Exception {
        f = new SyncFixture(database(), SyncFixture.SageMode.BRIDGE, temp);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aCustomerCreatedInTheErpAppearsInSageThroughTheBridgeWithANewAccountNumber() {
        f.rounds(1);
        f.erpCustomer("C00042", "Jean Dupont", "12 avenue du Lac", "74000", "Annecy", "06 12 34 56 78", "jean.dupont@example.fr");

        f.rounds(1);

        assertThat(f.links(SyncSystem.SAGE)).as("the writers' rule: C + 6 letters of the name").containsExactly("CJEANDU");
        Map<String, Object> account = f.sageRow("CJEANDU");
        assertThat(account).containsEntry("CT_Intitule", "Jean Dupont").containsEntry("CT_CodePostal", "74000")
                .containsEntry("CT_Ville", "Annecy").containsEntry("CT_EMail", "jean.dupont@example.fr");
        assertThat(f.customerOf(SyncSystem.SAGE, "CJEANDU")).isEqualTo(f.customerOf(SyncSystem.ERP, "C00042")).isNotNull();
        assertThat(f.hubSql.queryForList("SELECT field_name FROM audit_log WHERE target_system = 'SAGE' AND record_id = 'CJEANDU'",
                String.class)).contains("name", "address1", "postcode", "city", "email");
        assertThat(f.hubSql.queryForObject("SELECT reason FROM audit_log WHERE record_id = 'CJEANDU' AND field_name = 'name'",
                String.class)).contains("C00042");

        f.rounds(2);
        assertThat(f.sageCustomers()).as("one account, never a second one").isEqualTo(1);
        assertThat(f.writes("PENDING") + f.writes("AWAITING")).isZero();
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM sync_write WHERE target_system = 'ERP'", Integer.class))
                .as("the new Sage account is the hub's own write: nothing goes back to the ERP").isZero();
    }

    @Test
    void aCustomerCreatedInTheErpAppearsInSageThroughTheImportFile() throws Exception {
        f.close();
        f = new SyncFixture(database(), SyncFixture.SageMode.IMPORT_FILE, temp);
        f.rounds(1);
        f.erpCustomer("C00043", "SARL Plomberie Favre", "5 rue Royale", "74000", "Annecy", "04 50 45 12 12", "contact@favre.fr");

        f.rounds(1);
        assertThat(f.sageCustomers()).as("handed over as a file, not imported yet").isZero();
        assertThat(f.links(SyncSystem.SAGE)).as("the account number chosen by the hub is linked at once").hasSize(1);
        String ctNum = f.links(SyncSystem.SAGE).get(0);
        assertThat(ctNum).startsWith("CPLOMBE").matches("[A-Z0-9]{1,17}");

        assertThat(f.importSage().created()).isEqualTo(1);
        assertThat(f.sageRow(ctNum)).containsEntry("CT_Intitule", "SARL Plomberie Favre").containsEntry("CT_CodePostal", "74000");

        f.rounds(2);
        assertThat(f.sageCustomers()).isEqualTo(1);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM sync_write WHERE target_system = 'ERP'", Integer.class))
                .as("the imported account is the hub's own write").isZero();
    }

    @Test
    void aSageCustomerIsCreatedInTheErpByImportFileAndLinkedWhenTheErpShowsIt() throws Exception {
        f.rounds(1);
        f.sageAccount("CMOREL", "MOREL Sophie", "3 chemin des Fins", "74000", "ANNECY", "06 70 80 90 10", "s.morel@example.fr");

        f.rounds(1);
        assertThat(f.erpFiles()).isEqualTo(1);
        assertThat(f.writes("AWAITING")).isEqualTo(1);
        assertThat(f.importErp().created()).isEqualTo(1);

        f.rounds(2);
        assertThat(f.links(SyncSystem.ERP)).containsExactly("C00001");
        assertThat(f.customerOf(SyncSystem.ERP, "C00001")).isEqualTo(f.customerOf(SyncSystem.SAGE, "CMOREL"));
        assertThat(f.erpCustomers()).isEqualTo(1);
        assertThat(f.sageCustomers()).as("the ERP record the hub created is not sent back to Sage").isEqualTo(1);
        assertThat(f.writes("DONE")).isEqualTo(1);
    }

    @Test
    void theSamePersonTypedDifferentlyOnBothSidesIsLinkedNotDuplicated() {
        f.erpCustomer("C00050", "M. Jean-Marc Pellet", "12, av. du Petit Port", "74940", "Annecy-le-Vieux", "06 12 34 56 78",
                "JM.Pellet@Example.fr");
        f.sageAccount("PELLET", "PELLET Jean-Marc", "12 avenue du Petit Port", "74940", "ANNECY LE VIEUX", "+33612345678",
                "jm.pellet@example.fr");

        f.rounds(3);

        assertThat(f.customerOf(SyncSystem.ERP, "C00050")).isNotNull().isEqualTo(f.customerOf(SyncSystem.SAGE, "PELLET"));
        assertThat(f.sageCustomers()).isEqualTo(1);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM customer", Integer.class)).isEqualTo(1);
        assertThat(f.writes("DONE") + f.writes("PENDING") + f.writes("AWAITING")).as("nothing created").isZero();
    }

    @Test
    void aNamesakeIsNotLinked() throws Exception {
        f.erpCustomer("C00060", "Jean Martin", "4 rue du Pâquier", "74000", "Annecy", "06 11 22 33 44", "");
        f.sageAccount("MARTINJ", "MARTIN Jean", "18 route de Bonneville", "74800", "LA ROCHE SUR FORON", "06 99 88 77 66", "");

        f.rounds(3);

        Long erpCustomer = f.customerOf(SyncSystem.ERP, "C00060");
        Long sageCustomer = f.customerOf(SyncSystem.SAGE, "MARTINJ");
        assertThat(erpCustomer).isNotNull().isNotEqualTo(sageCustomer);
        assertThat(sageCustomer).isNotNull();
        assertThat(f.sageCustomers()).as("the ERP's Jean Martin is created in Sage beside the other one").isEqualTo(2);
        assertThat(f.erpFiles()).as("and Sage's one is created in the ERP").isEqualTo(1);
    }

    @Test
    void rejectedRowsAreReportedOnATicketNeverWrittenAndDoNotStopTheOthers() {
        f.rounds(1);
        f.erpCustomer("C00070", "Lucie Bernard", "1 rue Sommeiller", "740", "Annecy", "", "");
        f.erpCustomer("C00071", "", "2 rue Sommeiller", "74000", "Annecy", "04 50 00 00 01", "");
        f.erpCustomer("C00072", "Garage Alpin SARL", "3 rue Sommeiller", "74000", "Annecy", "", "");
        f.erpSql.update("UPDATE CLIENT SET CLI_SIRET = '12345678901234' WHERE CLI_CODE = 'C00072'");
        f.sageAccount("CGIROD", "GIROD Anne", "4 rue Vaugelas", "74000", "Annecy", "", "");
        f.sageSql.update("UPDATE F_COMPTET SET CT_Pays = 'Frnace' WHERE CT_Num = 'CGIROD'");
        f.erpCustomer("C00073", "Paul Girard", "5 rue Vaugelas", "74000", "Annecy", "06 01 02 03 04", "");

        f.rounds(2);

        assertThat(f.tickets(TicketCategory.SYNC_REJET)).isEqualTo(4);
        assertThat(f.hubSql.queryForList("SELECT reasons FROM sync_rejected ORDER BY record_key", String.class))
                .anySatisfy(r -> assertThat(r).contains("code postal « 740 »"))
                .anySatisfy(r -> assertThat(r).contains("nom vide"))
                .anySatisfy(r -> assertThat(r).contains("SIRET"))
                .anySatisfy(r -> assertThat(r).contains("pays inconnu « Frnace »"));
        assertThat(f.ticketsOf(TicketCategory.SYNC_REJET)).anySatisfy(t ->
                assertThat((String) t.get("DESCRIPTION")).contains("n'a été écrite nulle part").contains("740"));
        assertThat(f.links(SyncSystem.ERP)).containsExactly("C00073");
        assertThat(f.sageCustomers()).as("only the good row was created in Sage (and Sage's bad row kept)").isEqualTo(2);
        assertThat(f.erpFiles()).as("the bad Sage row is never written to the ERP").isZero();

        f.rounds(1);
        assertThat(f.tickets(TicketCategory.SYNC_REJET)).as("reported once").isEqualTo(4);
    }

    @Test
    void aConflictingEditBecomesATicketAndOverwritesNothing() {
        linkedPair();
        f.erpSql.update("UPDATE CLIENT SET CLI_TEL = '04 50 11 11 11' WHERE CLI_CODE = 'C00080'");
        f.sageSql.update("UPDATE F_COMPTET SET CT_Telephone = '04 50 22 22 22' WHERE CT_Num = 'CROUX'");

        f.rounds(2);

        assertThat(f.tickets(TicketCategory.SYNC_CONFLIT)).isEqualTo(1);
        String text = (String) f.ticketsOf(TicketCategory.SYNC_CONFLIT).get(0).get("DESCRIPTION");
        assertThat(text).contains("04 50 11 11 11").contains("04 50 22 22 22").contains("modifié le");
        assertThat(f.erpRow("C00080")).containsEntry("CLI_TEL", "04 50 11 11 11");
        assertThat(f.sageRow("CROUX")).containsEntry("CT_Telephone", "04 50 22 22 22");
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM sync_write WHERE write_kind = 'UPDATE'", Integer.class)).isZero();
        assertThat(f.erpFiles()).isZero();

        f.rounds(1);
        assertThat(f.tickets(TicketCategory.SYNC_CONFLIT)).as("asked once").isEqualTo(1);
    }

    @Test
    void aValueChangedOnTheTargetAfterTheDecisionIsNotOverwrittenWhenTheWriteIsSent() {
        linkedPair();
        CustomerSync paused = f.newSync(new CustomerSync.Settings(Duration.ofMinutes(2), false, 3, Duration.ZERO));
        f.erpSql.update("UPDATE CLIENT SET CLI_TEL = '04 50 33 33 33', CLI_EMAIL = 'paul@roux.fr' WHERE CLI_CODE = 'C00080'");
        paused.cycle(SyncSystem.ERP);
        assertThat(f.writes("PENDING")).as("decided, not sent (writes disabled)").isEqualTo(1);
        f.sageSql.update("UPDATE F_COMPTET SET CT_Telephone = '04 50 44 44 44' WHERE CT_Num = 'CROUX'");

        f.sync.flushWrites(f.sync.poll(SyncSystem.ERP));

        assertThat(f.sageRow("CROUX")).as("the phone Sage changed meanwhile stays; the email goes")
                .containsEntry("CT_Telephone", "04 50 44 44 44").containsEntry("CT_EMail", "paul@roux.fr");
        assertThat(f.tickets(TicketCategory.SYNC_CONFLIT)).isEqualTo(1);
        assertThat((String) f.ticketsOf(TicketCategory.SYNC_CONFLIT).get(0).get("DESCRIPTION"))
                .contains("04 50 33 33 33").contains("04 50 44 44 44");
        assertThat(f.hubSql.queryForList("SELECT field_name FROM audit_log WHERE record_id = 'CROUX'", String.class))
                .as("only what was written is audited").containsExactly("email");
    }

    @Test
    void aSharedFieldIsPropagatedAndTheHubsOwnWriteDoesNotComeBack() throws Exception {
        linkedPair();
        f.erpSql.update("UPDATE CLIENT SET CLI_EMAIL = 'paul.roux@nouveau.fr', CLI_NOM = 'M. Paul ROUX' WHERE CLI_CODE = 'C00080'");

        f.rounds(1);
        assertThat(f.sageRow("CROUX")).as("email is shared, the name is not")
                .containsEntry("CT_EMail", "paul.roux@nouveau.fr").containsEntry("CT_Intitule", "ROUX Paul");
        assertThat(f.hubSql.queryForMap("SELECT value_before, value_after, reason FROM audit_log WHERE record_id = 'CROUX'"
                + " AND field_name = 'email'")).containsEntry("VALUE_BEFORE", "p.roux@example.fr")
                .containsEntry("VALUE_AFTER", "paul.roux@nouveau.fr");

        f.rounds(3);
        assertThat(f.erpFiles()).as("Sage's change is the hub's own write: not sent back to the ERP").isZero();
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM sync_write WHERE status <> 'CANCELLED'", Integer.class))
                .as("one write: the propagation").isEqualTo(1);
    }

    @Test
    void aChangeInTheSameMinuteAsTheLastPollIsNotMissed() throws Exception {
        linkedPair();
        f.rounds(1);
        LocalDateTime mark = f.store.highWaterMark(SyncSystem.SAGE).orElseThrow();
        // Sage stamps the change with the minute of the last poll (smalldatetime): earlier than the mark itself
        LocalDateTime sameMinute = mark.truncatedTo(ChronoUnit.MINUTES);
        f.sageSql.update("UPDATE F_COMPTET SET CT_EMail = 'roux.paul@example.fr', cbModification = ? WHERE CT_Num = 'CROUX'",
                Timestamp.valueOf(sameMinute));
        assertThat(f.sync.poll(SyncSystem.SAGE).getRows()).extracting(SourceRecord::key).contains("CROUX");

        CustomerSync noOverlap = f.newSync(new CustomerSync.Settings(Duration.ZERO, true, 3, Duration.ZERO));
        if (sameMinute.isBefore(mark)) {
            assertThat(noOverlap.poll(SyncSystem.SAGE).getRows()).as("without the overlap it would be missed").isEmpty();
        }

        f.rounds(1);
        assertThat(f.erpFiles()).isEqualTo(1);
        assertThat(f.importErp().updated()).isEqualTo(1);
        assertThat(f.erpRow("C00080")).containsEntry("CLI_EMAIL", "roux.paul@example.fr");
    }

    @Test
    void aRestartBetweenTheWriteAndItsRecordRepeatsNothing() {
        f.rounds(1);
        f.erpCustomer("C00090", "Claire Vuillet", "7 rue Carnot", "74000", "Annecy", "06 55 44 33 22", "");
        f.sync.afterWrite(() -> {
            throw new IllegalStateException("the hub dies here");
        });
        f.sync.cycle(SyncSystem.ERP);
        assertThat(f.sageCustomers()).as("the bridge wrote the account").isEqualTo(1);
        assertThat(f.writes("PENDING")).as("but the hub did not record it").isEqualTo(1);
        LocalDateTime markBefore = f.store.highWaterMark(SyncSystem.ERP).orElseThrow();

        f.sync = f.newSync(SyncFixture.settings());   // restart
        f.rounds(2);

        assertThat(f.sageCustomers()).as("sent again with the same key: the bridge replays, no second account").isEqualTo(1);
        assertThat(f.writes("DONE")).isEqualTo(1);
        assertThat(f.links(SyncSystem.SAGE)).containsExactly("CCLAIRE");
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM audit_log WHERE record_id = 'CCLAIRE' AND field_name = 'name'",
                Integer.class)).isEqualTo(1);
        assertThat(f.store.highWaterMark(SyncSystem.ERP).orElseThrow()).isAfter(markBefore);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM customer", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRestartAfterTheWriteButBeforeTheHighWaterMarkRepeatsNothing() {
        f.rounds(1);
        f.erpCustomer("C00091", "Marc Blanc", "8 rue Carnot", "74000", "Annecy", "06 55 44 33 11", "");
        CustomerSync.Batch batch = f.sync.flushWrites(f.sync.process(f.sync.poll(SyncSystem.ERP)));
        assertThat(batch.getSent()).isEqualTo(1);
        f.sync.flushWrites(f.sync.process(f.sync.poll(SyncSystem.SAGE)));
        // the hub dies before either high-water mark moved
        f.sync = f.newSync(SyncFixture.settings());
        f.rounds(2);
        assertThat(f.sageCustomers()).isEqualTo(1);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM sync_write", Integer.class)).isEqualTo(1);
        assertThat(f.writes("DONE")).isEqualTo(1);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM customer", Integer.class)).isEqualTo(1);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM audit_log WHERE field_name = 'name'", Integer.class)).isEqualTo(1);
    }

    @Test
    void sageDownMakesItsHealthDownAndTheSyncResumesByItself() {
        linkedPair();
        var health = new DatabaseHealthIndicator("sage", f.sage, "jdbc:h2:mem:sage", true, Duration.ofSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        f.sage.down.set(true);
        f.erpSql.update("UPDATE CLIENT SET CLI_EMAIL = 'p.roux@panne.fr' WHERE CLI_CODE = 'C00080'");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThatThrownBy(() -> f.sync.cycle(SyncSystem.SAGE)).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("Sage 100 cannot be read");
        CustomerSync.Batch erp = f.sync.cycle(SyncSystem.ERP);
        assertThat(erp.getFailed()).as("the change needs Sage's current values: kept for later").isEqualTo(1);

        f.sage.down.set(false);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        f.rounds(1);
        assertThat(f.sageRow("CROUX")).containsEntry("CT_EMail", "p.roux@panne.fr");
    }

    @Test
    void aWriteRefusedByTheOtherSideBecomesATicketAndIsNeverRetried() {
        f.rounds(1);
        f.erpCustomer("C00100", "Anne Dumas", "9 rue Carnot", "74000", "Annecy", "", "anne.dumas." + "x".repeat(60) + "@example.fr");
        f.rounds(3);
        assertThat(f.writes("REFUSED")).isEqualTo(1);
        assertThat(f.sageCustomers()).isZero();
        assertThat(f.ticketsOf(TicketCategory.SYNC_REJET)).singleElement()
                .satisfies(t -> assertThat((String) t.get("SUBJECT")).contains("refusée").contains("Anne Dumas"));
    }

    @Test
    void anUnreachableTargetIsTriedABoundedNumberOfTimesThenTicketed() {
        f.rounds(1);
        f.bridge.setBusy(true);
        f.erpCustomer("C00110", "Louis Perrin", "10 rue Carnot", "74000", "Annecy", "06 10 20 30 40", "");
        f.rounds(4);
        assertThat(f.writes("FAILED")).isEqualTo(1);
        assertThat(f.hubSql.queryForObject("SELECT attempts FROM sync_write", Integer.class)).isEqualTo(3);
        assertThat(f.ticketsOf(TicketCategory.SYNC_REJET)).singleElement()
                .satisfies(t -> assertThat((String) t.get("DESCRIPTION")).contains("3 tentatives"));
        f.bridge.setBusy(false);
        f.rounds(1);
        assertThat(f.sageCustomers()).as("nothing retried forever").isZero();
    }

    @Test
    void aReviewAnsweredNotTheSameIsNeverAskedAgain() {
        f.erpCustomer("C00120", "Marie Berthollet", "27 rue de la Paix", "74000", "Annecy", "", "");
        f.sageAccount("CBERTHO", "BERTHOLLET Marie", "15 rue de la Paix", "74000", "ANNECY", "", "");
        f.rounds(2);

        List<Map<String, Object>> reviews = f.ticketsOf(TicketCategory.CLIENT_DOUBLON);
        assertThat(reviews).hasSize(1);
        String text = (String) reviews.get(0).get("DESCRIPTION");
        assertThat(text).contains("CBERTHO").contains("C00120").contains("15 rue de la Paix").contains("27 rue de la Paix")
                .contains("Score");
        assertThat(f.customerOf(SyncSystem.SAGE, "CBERTHO")).as("waits for Claire").isNull();
        assertThat(f.erpFiles()).as("nothing created on either side meanwhile").isZero();
        assertThat(f.sageCustomers()).isEqualTo(1);

        long ticket = ((Number) reviews.get(0).get("ID")).longValue();
        var api = new fr.relais.customer.sync.web.SyncController(f.sync, null, f.tickets, new SyncProperties());
        var answer = api.reviewDecision(String.valueOf(ticket), json("{\"decision\":\"different\"}"), () -> "claire");
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).containsEntry("decision", "DIFFERENT").containsEntry("outcome", "created");
        assertThat(f.tickets.findById(ticket).orElseThrow().status()).isEqualTo(fr.relais.ticket.TicketStatus.RESOLVED);
        var again = api.reviewDecision(String.valueOf(ticket), json("{\"decision\":\"SAME\"}"), () -> "claire");
        assertThat(again.getStatusCode().value()).as("the first answer stays").isEqualTo(409);
        assertThat(again.getBody()).containsEntry("decision", "DIFFERENT").containsEntry("outcome", "already-decided");

        f.sageSql.update("UPDATE F_COMPTET SET CT_Telephone = '04 50 66 77 88' WHERE CT_Num = 'CBERTHO'");
        f.rounds(2);
        assertThat(f.tickets(TicketCategory.CLIENT_DOUBLON)).as("never asked again").isEqualTo(1);
        assertThat(f.customerOf(SyncSystem.ERP, "C00120")).isNotNull().isNotEqualTo(f.customerOf(SyncSystem.SAGE, "CBERTHO"));
        assertThat(f.sageCustomers()).as("the ERP's Marie Berthollet is created in Sage as another customer").isEqualTo(2);
        assertThat(f.erpFiles()).as("and Sage's one in the ERP").isEqualTo(1);
        assertThat(f.hubSql.queryForMap("SELECT decision, decided_by FROM review_decision"))
                .containsEntry("DECISION", "DIFFERENT").containsEntry("DECIDED_BY", "claire");
    }

    @Test
    void aReviewAnsweredTheSameLinksTheRecords() {
        f.erpCustomer("C00120", "Marie Berthollet", "27 rue de la Paix", "74000", "Annecy", "", "");
        f.sageAccount("CBERTHO", "BERTHOLLET Marie", "15 rue de la Paix", "74000", "ANNECY", "", "");
        f.rounds(2);
        long ticket = ((Number) f.ticketsOf(TicketCategory.CLIENT_DOUBLON).get(0).get("ID")).longValue();

        assertThat(f.sync.decide(ticket, ReviewDecision.Answer.SAME, "claire").outcome()).isEqualTo("linked");
        f.rounds(2);
        assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM sync_write WHERE status NOT IN ('CANCELLED')", Integer.class))
                .as("the creation waiting for the answer is dropped").isZero();
        assertThat(f.customerOf(SyncSystem.ERP, "C00120")).isEqualTo(f.customerOf(SyncSystem.SAGE, "CBERTHO"));
        assertThat(f.sageCustomers()).isEqualTo(1);
        assertThat(f.erpFiles()).isZero();
    }

    @Test
    void deletedRecordsAndDormantAccountsAreReportedAndNothingIsDeleted() {
        linkedPair();
        f.sageSql.update("UPDATE F_COMPTET SET CT_Sommeil = 1 WHERE CT_Num = 'CROUX'");
        f.erpSql.update("DELETE FROM CLIENT WHERE CLI_CODE = 'C00080'");
        Map<String, Integer> report = f.sync.checkKeys();
        assertThat(report).containsEntry("ERP-missing", 1).containsEntry("SAGE-dormant", 1);
        assertThat(f.sync.checkKeys()).as("reported once").containsEntry("ERP-missing", 0).containsEntry("SAGE-dormant", 0);
        assertThat(f.sageCustomers()).isEqualTo(1);
        assertThat(f.links(SyncSystem.ERP)).containsExactly("C00080");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Paul Roux in both systems, linked by the first rounds. */
    private void linkedPair() {
        f.erpCustomer("C00080", "Paul Roux", "6 rue de la Gare", "74000", "Annecy", "06 40 50 60 70", "p.roux@example.fr");
        f.sageAccount("CROUX", "ROUX Paul", "6 rue de la Gare", "74000", "ANNECY", "06 40 50 60 70", "p.roux@example.fr");
        f.rounds(2);
        assertThat(f.customerOf(SyncSystem.ERP, "C00080")).isNotNull().isEqualTo(f.customerOf(SyncSystem.SAGE, "CROUX"));
    }
}
