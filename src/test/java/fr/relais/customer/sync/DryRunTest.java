package fr.relais.customer.sync;

import fr.relais.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-run reconciliation on a small real pair of databases, and its command. */
class DryRunTest {

    @TempDir
    Path temp;

    SyncFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SyncFixture(TestDatabase.H2, SyncFixture.SageMode.BRIDGE, temp);
        f.erpCustomer("C00001", "M. Jean-Marc Pellet", "12, av. du Petit Port", "74940", "Annecy-le-Vieux", "06 12 34 56 78", "jm@example.fr");
        f.sageAccount("PELLET", "PELLET Jean-Marc", "12 avenue du Petit Port", "74940", "ANNECY LE VIEUX", "06 12 34 56 78", "jm.pellet@example.fr");
        f.erpCustomer("C00002", "Marie Berthollet", "27 rue de la Paix", "74000", "Annecy", "", "");
        f.sageAccount("CBERTHO", "BERTHOLLET Marie", "15 rue de la Paix", "74000", "ANNECY", "", "");
        f.erpCustomer("C00003", "Paul Girard", "5 rue Vaugelas", "74000", "Annecy", "06 01 02 03 04", "");
        f.sageAccount("CMOREL", "MOREL Sophie", "3 chemin des Fins", "74000", "ANNECY", "06 70 80 90 10", "");
        f.erpCustomer("C00004", "Lucie Bernard", "1 rue Sommeiller", "740", "Annecy", "", "");
        f.sageAccount("CDORT", "DORMEUR Luc", "1 rue du Lac", "74000", "ANNECY", "06 11 11 11 11", "");
        f.sageSql.update("UPDATE F_COMPTET SET CT_Sommeil = 1 WHERE CT_Num = 'CDORT'");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private DryRun dryRun() {
        return new DryRun(new SourceReader(f.erp, CustomerMapping.defaults(SyncSystem.ERP)),
                new SourceReader(f.sage, CustomerMapping.defaults(SyncSystem.SAGE)),
                fr.relais.customer.match.CustomerMatcher.withDefaults(), new fr.relais.store.ReviewDecisions(f.hub),
                new SyncTexts());
    }

    @Test
    void itSaysWhatTheSyncWouldDoAndWritesNothing() throws Exception {
        DryRun.Report r = dryRun().run(temp.resolve("report"));

        assertThat(r.counts()).containsEntry("erp", 4).containsEntry("sage", 4).containsEntry("links", 1)
                .containsEntry("reviews", 1).containsEntry("creations-sage", 1).containsEntry("creations-erp", 1)
                .containsEntry("rejected", 1).containsEntry("dormant", 1).containsEntry("conflicts", 1);
        assertThat(lines(r, "links.csv")).hasSize(2).first().isEqualTo("erp;nom_erp;sage;nom_sage;score;lien");
        assertThat(lines(r, "links.csv").get(1)).startsWith("C00001;M. Jean-Marc Pellet;PELLET;PELLET Jean-Marc;").endsWith(";automatique");
        assertThat(lines(r, "reviews.csv").get(1)).startsWith("C00002;Marie Berthollet;CBERTHO;").contains("Score");
        assertThat(lines(r, "creations-sage.csv").get(1)).startsWith("C00003;Paul Girard;");
        assertThat(lines(r, "creations-erp.csv").get(1)).as("a dormant account is not created").startsWith("CMOREL;");
        assertThat(lines(r, "conflicts.csv").get(1)).as("the email differs; the retyped address does not")
                .startsWith("C00001;PELLET;M. Jean-Marc Pellet;E-mail;jm@example.fr;jm.pellet@example.fr;");
        assertThat(lines(r, "rejected.csv").get(1)).startsWith("ERP;C00004;Lucie Bernard;code postal « 740 »");
        String html = Files.readString(r.folder().resolve("report.html"));
        assertThat(html).contains("<html lang=\"fr\">").contains("Doublons possibles à examiner</td><td class=\"n\">1")
                .contains("Clients à créer dans Sage</td><td class=\"n\">1").contains("Rien n'a été écrit");

        assertThat(f.sageCustomers()).isEqualTo(4);
        assertThat(f.erpCustomers()).isEqualTo(4);
        for (String table : List.of("customer", "customer_link", "ticket", "sync_seen", "sync_write", "audit_log")) {
            assertThat(f.hubSql.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
        }
    }

    @Test
    void anAnswerAlreadyGivenIsTakenIntoAccount() throws Exception {
        new fr.relais.store.ReviewDecisions(f.hub).record("ERP", "C00002", "SAGE", "CBERTHO",
                fr.relais.store.ReviewDecision.Answer.DIFFERENT, "claire", null);
        DryRun.Report r = dryRun().run(temp.resolve("report"));
        assertThat(r.counts()).containsEntry("reviews", 0).containsEntry("creations-sage", 2).containsEntry("creations-erp", 2);
    }

    @Test
    void theCommandWritesTheReportOrNamesWhatIsWrong() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String erpUrl = f.erpSql.getDataSource().getConnection().getMetaData().getURL();
        String sageUrl = f.sageSql.getDataSource().getConnection().getMetaData().getURL();
        int code = SyncCommands.all().get("sync-dry-run").run(new String[] {"--out", temp.resolve("cli").toString(),
                "--erp-url", erpUrl, "--sage-url", sageUrl}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing written").contains("links: 1").contains("reviews: 1");
        assertThat(temp.resolve("cli").resolve("report.html")).exists();

        assertThat(SyncCommands.all().get("sync-dry-run").run(new String[] {"--erp-url", erpUrl},
                new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(SyncCommands.all().get("sync-dry-run").run(new String[] {"--out", "x", "--bogus", "1"},
                new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: sync-dry-run --out DIR").contains("unknown option '--bogus'");
        assertThat(SyncCommands.all().get("sync-dry-run").run(new String[] {"--out", temp.resolve("x").toString(),
                "--erp-url", "jdbc:h2:mem:nowhere;IFEXISTS=TRUE", "--sage-url", sageUrl},
                new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ERP (MDE) cannot be read");
    }

    private static List<String> lines(DryRun.Report r, String file) throws Exception {
        String text = Files.readString(r.folder().resolve(file), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return text.substring(1).lines().toList();
    }
}
