package fr.relais.demo;

import fr.relais.demo.DemoData.SageAccount;
import fr.relais.demo.DemoData.SageDocument;
import fr.relais.demo.DemoData.SageLine;
import fr.relais.erp.ConnectorDataSource;
import fr.relais.sage.SageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated Sage 100 company database of the demo mode and the tests: an H2 database (SQL Server mode)
 * with Sage's own tables ({@code classpath:demo/sage-schema.sql}), seeded with {@link DemoDataGenerator}'s
 * data when F_COMPTET is empty. Only the demo mode ({@code relais.sage.simulated=true}) and tests call this.
 */
public final class SimulatedSage {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSage.class);

    private static final String SCHEMA = "demo/sage-schema.sql";

    private SimulatedSage() {
    }

    /** Counts of rows written by a seeding; all zero when F_COMPTET already held accounts. */
    public record SeedCounts(int accounts, int documents, int lines) {
    }

    /**
     * Creates Sage's tables if missing and seeds the demo data if F_COMPTET is empty. Idempotent: a second
     * call on the same database writes nothing.
     */
    public static SeedCounts prepare(SageProperties properties) {
        return prepare(properties, DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, LocalDate.now()));
    }

    public static SeedCounts prepare(SageProperties properties, DemoData data) {
        String url = properties.getUrl();
        if (url == null || !url.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("relais.sage.simulated=true is only allowed on an H2 database (jdbc:h2:...), not on "
                    + ConnectorDataSource.redact(url) + "; set relais.sage.simulated=false for a real Sage database");
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, properties.getUsername(), properties.getPassword())) {
            createSchema(connection);
            if (!isEmpty(connection)) {
                log.info("Simulated Sage at {} already holds data: not seeded again", ConnectorDataSource.redact(url));
                return new SeedCounts(0, 0, 0);
            }
            SeedCounts counts = seed(connection, data);
            log.info("Simulated Sage at {} seeded with demo data in {} ms: {} accounts (F_COMPTET), {} documents (F_DOCENTETE), {} lines (F_DOCLIGNE)",
                    ConnectorDataSource.redact(url), (System.nanoTime() - start) / 1_000_000, counts.accounts(),
                    counts.documents(), counts.lines());
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the simulated Sage database at "
                    + ConnectorDataSource.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** The statements of {@code demo/sage-schema.sql}. */
    public static List<String> schemaStatements() {
        try (var in = SimulatedSage.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCHEMA);
            }
            var text = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    text.append(line).append('\n');
                }
            }
            List<String> statements = new ArrayList<>();
            for (String sql : text.toString().split(";")) {
                if (!sql.isBlank()) {
                    statements.add(sql.strip());
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : schemaStatements()) {
                statement.execute(sql);
            }
        }
    }

    public static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM F_COMPTET")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    /** Writes the Sage part of the demo data in one transaction. */
    public static SeedCounts seed(Connection connection, DemoData data) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        int lines = 0;
        try {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO F_COMPTET (CT_Num, CT_Intitule, CT_Type, "
                    + "CT_Adresse, CT_Complement, CT_CodePostal, CT_Ville, CT_Pays, CT_Telephone, CT_Telecopie, CT_EMail, "
                    + "CT_Siret, CT_Sommeil, CT_DateCreate, cbModification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SageAccount a : data.sageAccounts()) {
                    bind(ps, a.ctNum(), a.intitule(), a.type(), a.adresse(), a.complement(), a.codePostal(), a.ville(),
                            a.pays(), a.telephone(), a.telecopie(), a.email(), a.siret(), a.sommeil(), a.dateCreate(),
                            a.cbModification());
                }
                ps.executeBatch();
            }
            try (PreparedStatement header = connection.prepareStatement("INSERT INTO F_DOCENTETE (DO_Domaine, DO_Type, "
                    + "DO_Piece, DO_Date, DO_Ref, DO_Tiers, DO_Statut, DO_TotalHT, cbModification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement line = connection.prepareStatement("INSERT INTO F_DOCLIGNE (DO_Domaine, DO_Type, CT_Num, "
                         + "DO_Piece, DL_Ligne, DL_PieceDE, DL_PieceBC, DL_PieceBL, AR_Ref, DL_Design, DL_Qte, "
                         + "DL_PrixUnitaire, DL_MontantHT, cbModification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SageDocument d : data.sageDocuments()) {
                    bind(header, d.domaine(), d.type(), d.piece(), d.date(), d.ref(), d.tiers(), d.statut(), d.totalHT(),
                            d.cbModification());
                    for (SageLine l : d.lines()) {
                        bind(line, d.domaine(), d.type(), d.tiers(), d.piece(), l.ligne(), l.pieceDE(), l.pieceBC(),
                                l.pieceBL(), l.arRef(), l.design(), l.qte(), l.prixUnitaire(), l.montantHT(),
                                d.cbModification());
                        lines++;
                    }
                }
                header.executeBatch();
                line.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new SeedCounts(data.sageAccounts().size(), data.sageDocuments().size(), lines);
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int k = 0; k < values.length; k++) {
            ps.setObject(k + 1, values[k]);
        }
        ps.addBatch();
    }
}
