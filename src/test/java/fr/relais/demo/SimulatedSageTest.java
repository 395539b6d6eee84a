package fr.relais.demo;

import fr.relais.sage.SageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedSageTest {

    @TempDir
    Path dir;

    private final DemoData data = DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, DemoDataGeneratorTest.TODAY);

    private SageProperties properties() {
        var p = new SageProperties();
        p.setUrl("jdbc:h2:file:" + dir.resolve("sage-sim") + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false");
        p.setUsername("sa");
        p.setSimulated(true);
        return p;
    }

    private Connection open(SageProperties p) throws SQLException {
        return DriverManager.getConnection(p.getUrl(), p.getUsername(), p.getPassword());
    }

    @Test
    void seedsOnceAndARestartDoesNotSeedAgain() throws Exception {
        var p = properties();
        var first = SimulatedSage.prepare(p, data);
        assertThat(first.accounts()).isEqualTo(data.sageAccounts().size());
        assertThat(first.documents()).isEqualTo(data.sageDocuments().size());
        assertThat(first.lines()).isEqualTo((int) data.sageLineCount());

        var second = SimulatedSage.prepare(p, data);
        assertThat(second).isEqualTo(new SimulatedSage.SeedCounts(0, 0, 0));

        try (var c = open(p)) {
            assertThat(count(c, "SELECT COUNT(*) FROM F_COMPTET")).isEqualTo(data.sageAccounts().size());
            assertThat(count(c, "SELECT COUNT(*) FROM F_COMPTET WHERE CT_Type = 0 AND CT_Sommeil = 1")).isBetween(3L, 12L);
            assertThat(count(c, "SELECT COUNT(*) FROM F_DOCENTETE")).isEqualTo(data.sageDocuments().size());
            assertThat(count(c, "SELECT COUNT(*) FROM F_DOCLIGNE")).isEqualTo(data.sageLineCount());
            assertThat(count(c, "SELECT COUNT(*) FROM F_DOCENTETE WHERE DO_Type = 0 AND DO_Statut = 2")).isPositive();
            // every transformed line points at a quote number
            assertThat(count(c, "SELECT COUNT(*) FROM F_DOCLIGNE WHERE DO_Type <> 0 AND DL_PieceDE LIKE 'DE%'")).isPositive();
        }
    }

    @Test
    void sageColumnsHaveSageTypesAndLengths() throws Exception {
        var p = properties();
        SimulatedSage.prepare(p, data);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("CT_Num", "CHARACTER VARYING 17");
        expected.put("CT_Intitule", "CHARACTER VARYING 69");
        expected.put("CT_Type", "SMALLINT");
        expected.put("CT_Adresse", "CHARACTER VARYING 35");
        expected.put("CT_Complement", "CHARACTER VARYING 35");
        expected.put("CT_CodePostal", "CHARACTER VARYING 9");
        expected.put("CT_Ville", "CHARACTER VARYING 35");
        expected.put("CT_Pays", "CHARACTER VARYING 35");
        expected.put("CT_Telephone", "CHARACTER VARYING 21");
        expected.put("CT_Telecopie", "CHARACTER VARYING 21");
        expected.put("CT_EMail", "CHARACTER VARYING 69");
        expected.put("CT_Siret", "CHARACTER VARYING 15");
        expected.put("CT_Sommeil", "SMALLINT");
        expected.put("cbModification", "TIMESTAMP");
        expected.put("cbMarq", "INTEGER");
        try (var c = open(p)) {
            for (var e : expected.entrySet()) {
                try (var rs = c.createStatement().executeQuery("SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, DATETIME_PRECISION, "
                        + "IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'F_COMPTET' AND COLUMN_NAME = '" + e.getKey() + "'")) {
                    assertThat(rs.next()).as(e.getKey()).isTrue();
                    String type = rs.getString(1) + (rs.getObject(2) != null ? " " + rs.getInt(2) : "");
                    assertThat(type).as(e.getKey()).isEqualTo(e.getValue());
                    if (e.getKey().equals("cbModification")) {
                        assertThat(rs.getInt(3)).isZero();
                    }
                    if (e.getKey().equals("cbMarq")) {
                        assertThat(rs.getString(4)).isEqualTo("YES");
                    }
                }
            }
            // nothing longer than its column anywhere (H2 would refuse it anyway), and the key is upper case
            assertThat(count(c, "SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num <> UPPER(CT_Num)")).isZero();
            assertThat(count(c, "SELECT MAX(LENGTH(CT_Intitule)) FROM F_COMPTET")).isLessThanOrEqualTo(69);
        }
    }

    @Test
    void cbModificationHasMinutePrecisionLikeSmalldatetime() throws Exception {
        var p = properties();
        SimulatedSage.prepare(p, data);
        try (var c = open(p)) {
            for (String table : new String[]{"F_COMPTET", "F_DOCENTETE", "F_DOCLIGNE"}) {
                assertThat(count(c, "SELECT COUNT(*) FROM " + table + " WHERE EXTRACT(SECOND FROM cbModification) <> 0"))
                        .as(table).isZero();
            }
            // an update that does not set cbModification gets the database time, rounded to the minute
            c.createStatement().executeUpdate("UPDATE F_COMPTET SET CT_Telephone = '04 50 00 00 00' WHERE CT_Num = '"
                    + data.sageAccounts().get(0).ctNum() + "'");
            try (var rs = c.createStatement().executeQuery("SELECT cbModification FROM F_COMPTET WHERE CT_Num = '"
                    + data.sageAccounts().get(0).ctNum() + "'")) {
                rs.next();
                LocalDateTime modified = rs.getTimestamp(1).toLocalDateTime();
                assertThat(modified.getSecond()).isZero();
                assertThat(modified).isAfter(LocalDateTime.now().minusMinutes(2)).isBefore(LocalDateTime.now().plusMinutes(2));
            }
            // a value with seconds is refused, as it cannot exist in a smalldatetime
            var insert = c.prepareStatement("INSERT INTO F_COMPTET (CT_Num, CT_Intitule, cbModification) VALUES ('ZZTEST', 'Test', ?)");
            insert.setTimestamp(1, Timestamp.valueOf(LocalDateTime.of(2026, 1, 5, 10, 0, 12)));
            assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("CK_F_COMPTET_cbModification_minute");
            // and too long a value is refused like in SQL Server
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "INSERT INTO F_COMPTET (CT_Num, CT_Intitule) VALUES ('ABCDEFGHIJKLMNOPQR', 'x')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void refusesToSimulateAnythingButH2() {
        var p = properties();
        p.setUrl("jdbc:sqlserver://sql01:1433;databaseName=SAGE;password=secret");
        assertThatThrownBy(() -> SimulatedSage.prepare(p, data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relais.sage.simulated")
                .hasMessageNotContaining("secret");
    }

    static long count(Connection c, String sql) throws SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
