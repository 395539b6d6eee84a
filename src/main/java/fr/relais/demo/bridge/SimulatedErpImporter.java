package fr.relais.demo.bridge;

import fr.relais.customer.write.ErpLayout;
import fr.relais.erp.ErpProperties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for MDE's own import, for the demo mode and the tests: applies what the ERP writers handed over
 * (CSV import files, or rows of the staging table) to the SIMULATED ERP's customers table, as MDE would: a
 * CREATE gets the next customer code ({@code C00001}...), an UPDATE changes the non-empty fields of the customer
 * whose code it names. Rows without a name, or an update of an unknown code, are rejected (file moved to
 * {@code rejected/} with a log; staging row marked {@code REJETE}). Never used on a real ERP.
 */
public final class SimulatedErpImporter {

    private static final Logger log = LoggerFactory.getLogger(SimulatedErpImporter.class);

    /** What one run did. */
    public record Result(int created, int updated, int rejected) {
    }

    private final DataSource erp;
    private final ErpProperties properties;
    private final ErpLayout layout;

    /**
     * @param erp a WRITABLE connection to the simulated ERP database (H2)
     */
    public SimulatedErpImporter(DataSource erp, ErpProperties properties, ErpLayout layout) {
        this.erp = erp;
        this.properties = properties;
        this.layout = layout;
    }

    /** Imports the CSV files waiting in the folder (header line expected), oldest name first. */
    public synchronized Result importFiles(Path folder, String extension, char delimiter, Charset charset) {
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith("." + extension)).sorted().toList();
        } catch (IOException e) {
            return new Result(0, 0, 0);
        }
        int created = 0;
        int updated = 0;
        int rejected = 0;
        for (Path file : files) {
            List<String> problems = new ArrayList<>();
            try {
                String text = new String(Files.readAllBytes(file), charset);
                for (CSVRecord record : CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
                        .setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
                    String problem = apply(record.toMap());
                    if (problem == null) {
                        if ("CREATE".equals(operation(record.toMap()))) {
                            created++;
                        } else {
                            updated++;
                        }
                    } else {
                        problems.add("record " + record.getRecordNumber() + ": " + problem);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add("file: " + e.getMessage());
            }
            rejected += problems.isEmpty() ? 0 : 1;
            try {
                Path target = folder.resolve(problems.isEmpty() ? "imported" : "rejected");
                Files.createDirectories(target);
                Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                if (!problems.isEmpty()) {
                    Files.writeString(target.resolve(file.getFileName() + ".log"), String.join("\n", problems) + "\n",
                            StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                log.warn("Simulated ERP import: cannot move {}: {}", file, e.getMessage());
            }
        }
        if (!files.isEmpty()) {
            log.info("Simulated ERP import: {} file(s), {} customer(s) created, {} updated, {} file(s) rejected",
                    files.size(), created, updated, rejected);
        }
        return new Result(created, updated, rejected);
    }

    /** Imports the staging table's rows still {@code A_TRAITER}, in order, and marks each TRAITE or REJETE. */
    public synchronized Result importStagingTable(String table) throws SQLException {
        int created = 0;
        int updated = 0;
        int rejected = 0;
        List<Map<String, String>> rows = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (Connection connection = erp.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + table
                     + " WHERE STATUT = 'A_TRAITER' ORDER BY STAGING_ID")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (ErpLayout.Column column : layout.columns()) {
                        row.put(column.name(), rs.getString(column.name()));
                    }
                    rows.add(row);
                    ids.add(rs.getLong("STAGING_ID"));
                }
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            String problem = apply(rows.get(k));
            if (problem == null) {
                if ("CREATE".equals(operation(rows.get(k)))) {
                    created++;
                } else {
                    updated++;
                }
            } else {
                rejected++;
                log.warn("Simulated ERP import: staging row {} rejected: {}", ids.get(k), problem);
            }
            try (Connection connection = erp.getConnection();
                 PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET STATUT = ? WHERE STAGING_ID = ?")) {
                ps.setString(1, problem == null ? "TRAITE" : "REJETE");
                ps.setLong(2, ids.get(k));
                ps.executeUpdate();
            }
        }
        return new Result(created, updated, rejected);
    }

    private String operation(Map<String, String> row) {
        for (ErpLayout.Column column : layout.columns()) {
            if (column.source().equals("@operation")) {
                return row.get(column.name());
            }
        }
        return "CREATE";
    }

    /** Applies one row; answers null when done, else why not. */
    private String apply(Map<String, String> row) {
        var c = properties.getColumns().getCustomer();
        Map<String, String> fieldToColumn = Map.of("name", c.getName(), "address1", c.getAddress1(), "address2",
                c.getAddress2(), "postcode", c.getPostcode(), "city", c.getCity(), "phone", c.getPhone(),
                "mobile", c.getMobile(), "email", c.getEmail(), "siret", c.getSiret());
        Map<String, String> values = new LinkedHashMap<>();
        String code = null;
        for (ErpLayout.Column column : layout.columns()) {
            String value = row.get(column.name());
            if (column.source().equals("@targetId")) {
                code = value == null || value.isBlank() ? null : value.strip();
            } else if (fieldToColumn.containsKey(column.source()) && value != null) {
                values.put(fieldToColumn.get(column.source()), value);
            }
        }
        String table = properties.getTables().getCustomers();
        try (Connection connection = erp.getConnection()) {
            if ("UPDATE".equals(operation(row))) {
                values.values().removeIf(String::isEmpty);
                if (code == null) {
                    return "an update without a customer code";
                }
                if (values.isEmpty()) {
                    return null;
                }
                String sql = "UPDATE " + table + " SET " + String.join(", ", values.keySet().stream().map(k -> k + " = ?").toList())
                        + " WHERE " + c.getCode() + " = ?";
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    int k = 1;
                    for (String value : values.values()) {
                        ps.setString(k++, value);
                    }
                    ps.setString(k, code);
                    return ps.executeUpdate() == 1 ? null : "unknown customer code " + code;
                }
            }
            if (values.getOrDefault(c.getName(), "").isBlank()) {
                return "a customer without a name";
            }
            String newCode = nextCode(connection, table, c.getCode());
            values.put(c.getCode(), newCode);
            String sql = "INSERT INTO " + table + " (" + String.join(", ", values.keySet()) + ") VALUES ("
                    + String.join(", ", values.keySet().stream().map(k -> "?").toList()) + ")";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int k = 1;
                for (String value : values.values()) {
                    ps.setString(k++, value.isEmpty() ? null : value);
                }
                ps.executeUpdate();
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String nextCode(Connection connection, String table, String codeColumn) throws SQLException {
        long max = 0;
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + codeColumn + " FROM " + table
                + " WHERE " + codeColumn + " LIKE 'C%'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(1).substring(1);
                if (!code.isEmpty() && code.chars().allMatch(Character::isDigit) && code.length() < 18) {
                    max = Math.max(max, Long.parseLong(code));
                }
            }
        }
        return String.format("C%05d", max + 1);
    }
}
