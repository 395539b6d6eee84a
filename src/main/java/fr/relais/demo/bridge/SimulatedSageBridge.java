package fr.relais.demo.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.customer.write.ColumnLengths;
import fr.relais.customer.write.SageBridgeApiKey;
import fr.relais.customer.write.SageFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A stand-in for the HTTP bridge that runs beside Sage 100 on Windows (contract: docs/sage-bridge-api.md), for
 * the demo mode and the tests. It answers the contract's requests, validates like Sage would (CT_Num format and
 * uniqueness, required name, column lengths read from the database's catalogue, known fields only) and writes
 * into the SIMULATED Sage database, so that the customer sync sees the account on its next poll.
 * Plain Java: {@link #handle} takes a request and gives a response; the HTTP front is either the hub itself
 * ({@link SageBridgeController}, demo mode) or a JDK HTTP server ({@link SageBridgeHttpServer}, tests).
 * Never used on a real Sage database: the real bridge goes through Objets Métiers.
 */
public final class SimulatedSageBridge {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSageBridge.class);

    static final Pattern CT_NUM = Pattern.compile("[A-Z0-9]{1,17}");
    private static final Pattern CUSTOMERS = Pattern.compile("/v1/customers/?");
    private static final Pattern CUSTOMER = Pattern.compile("/v1/customers/([^/]+)");

    /** One HTTP request as the bridge sees it; header names in lower case. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /** One HTTP response: status, JSON body, extra headers. */
    public record Response(int status, String body, Map<String, String> headers) {
        static Response json(int status, JsonNode body) {
            return new Response(status, body.toString(), Map.of());
        }
    }

    private record Stored(String requestHash, Response response) {
    }

    private final DataSource sage;
    private final SageBridgeApiKey apiKey;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private volatile ColumnLengths lengths;
    private volatile boolean busy;
    private volatile Duration delay = Duration.ZERO;

    /**
     * @param sage   a WRITABLE connection to the simulated Sage database (H2)
     * @param apiKey the key requests must carry in X-Api-Key
     */
    public SimulatedSageBridge(DataSource sage, SageBridgeApiKey apiKey) {
        this.sage = sage;
        this.apiKey = apiKey;
    }

    /** Simulates Sage being locked by another user: every request answers 503 until set back. */
    public void setBusy(boolean busy) {
        this.busy = busy;
    }

    /** Simulates a slow Sage: every request waits this long before being handled. */
    public void setDelay(Duration delay) {
        this.delay = delay;
    }

    public Response handle(Request request) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!apiKey.matches(request.headers().get("x-api-key"))) {
            return error(401, "UNAUTHORIZED", "missing or wrong X-Api-Key", null);
        }
        String path = request.path();
        String method = request.method().toUpperCase(java.util.Locale.ROOT);
        if (path.equals("/v1/health") && method.equals("GET")) {
            ObjectNode body = json.createObjectNode().put("status", busy ? "BUSY" : "UP").put("sage", "simulated")
                    .put("apiVersion", "1");
            return Response.json(busy ? 503 : 200, body);
        }
        if (busy) {
            return new Response(503, error("SAGE_LOCKED", "Sage is busy (a user holds the lock on the customer file)", null).toString(),
                    Map.of("Retry-After", "1"));
        }
        try {
            if (CUSTOMERS.matcher(path).matches() && method.equals("POST")) {
                return idempotent(request, () -> create(request.body()));
            }
            var one = CUSTOMER.matcher(path);
            if (one.matches()) {
                String ctNum = URLDecoder.decode(one.group(1), StandardCharsets.UTF_8);
                switch (method) {
                    case "GET":
                        return read(ctNum);
                    case "PATCH":
                        return idempotent(request, () -> update(ctNum, request.body()));
                    default:
                        return error(405, "METHOD_NOT_ALLOWED", method + " " + path, null);
                }
            }
            return error(404, "NOT_FOUND", "no such resource: " + method + " " + path, null);
        } catch (SQLException e) {
            log.warn("Simulated Sage bridge: database error: {}", e.getMessage());
            return error(503, "SAGE_UNAVAILABLE", "the Sage database cannot be reached: " + e.getMessage(), null);
        }
    }

    private interface Action {
        Response run() throws SQLException;
    }

    private Response idempotent(Request request, Action action) throws SQLException {
        String key = request.headers().get("idempotency-key");
        if (key == null || key.isBlank() || key.length() > 128) {
            return error(400, "IDEMPOTENCY_KEY_REQUIRED", "every write needs an Idempotency-Key header (1 to 128 characters)", null);
        }
        String hash = sha256(request.method() + " " + request.path() + "\n" + request.body());
        synchronized (this) {
            Stored stored = idempotency.get(key);
            if (stored != null) {
                if (!stored.requestHash().equals(hash)) {
                    return error(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for another request", null);
                }
                return new Response(stored.response().status(), stored.response().body(), Map.of("Idempotent-Replayed", "true"));
            }
            Response response = action.run();
            if (response.status() < 500) {
                idempotency.put(key, new Stored(hash, response));
            }
            return response;
        }
    }

    /**
     * Creates an account from Sage fields, with the same checks as the HTTP API but without key nor idempotency
     * (the simulated Sage import uses it).
     */
    public Response importCreate(Map<String, String> fields) throws SQLException {
        return create(json.valueToTree(fields).toString());
    }

    /** Updates an account's given fields, with the same checks as the HTTP API (the simulated Sage import). */
    public Response importUpdate(String ctNum, Map<String, String> fields) throws SQLException {
        return update(ctNum, json.valueToTree(fields).toString());
    }

    /** Whether the account exists. */
    public boolean exists(String ctNum) throws SQLException {
        try (Connection connection = sage.getConnection()) {
            return exists(connection, ctNum);
        }
    }

    private Response create(String body) throws SQLException {
        ObjectNode fields;
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                return error(400, "INVALID_JSON", "the body must be a JSON object", null);
            }
            fields = (ObjectNode) node;
        } catch (JsonProcessingException e) {
            return error(400, "INVALID_JSON", e.getOriginalMessage(), null);
        }
        String ctNum = fields.path(SageFields.CT_NUM).asText("");
        if (!CT_NUM.matcher(ctNum).matches()) {
            return error(422, "CT_NUM_INVALID", "CT_Num must be 1 to 17 characters A-Z 0-9: '" + ctNum + "'", SageFields.CT_NUM);
        }
        if (fields.has(SageFields.CT_TYPE) && fields.get(SageFields.CT_TYPE).asInt(-1) != 0) {
            return error(422, "CT_TYPE_INVALID", "only customer accounts (CT_Type 0) are created", SageFields.CT_TYPE);
        }
        if (fields.path("CT_Intitule").asText("").isBlank()) {
            return error(422, "CT_INTITULE_REQUIRED", "CT_Intitule (the account's name) is required", "CT_Intitule");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Response invalid = validate(fields, values);
        if (invalid != null) {
            return invalid;
        }
        try (Connection connection = sage.getConnection()) {
            if (exists(connection, ctNum)) {
                return error(409, "CT_NUM_EXISTS", "the account " + ctNum + " already exists", SageFields.CT_NUM);
            }
            List<String> columns = new ArrayList<>(List.of(SageFields.CT_NUM, SageFields.CT_TYPE, "CT_DateCreate"));
            List<Object> params = new ArrayList<>(List.of(ctNum, 0, Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))));
            for (String column : SageFields.COLUMN_TO_FIELD.keySet()) {
                columns.add(column);
                params.add(values.getOrDefault(column, "")); // Sage stores missing text as ''
            }
            String sql = "INSERT INTO F_COMPTET (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int k = 0; k < params.size(); k++) {
                    ps.setObject(k + 1, params.get(k));
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return error(409, "CT_NUM_EXISTS", "the account " + ctNum + " already exists", SageFields.CT_NUM);
                }
                throw e;
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            log.info("Simulated Sage bridge: account {} created", ctNum);
            return Response.json(201, account(connection, ctNum));
        }
    }

    private Response update(String ctNum, String body) throws SQLException {
        ObjectNode fields;
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                return error(400, "INVALID_JSON", "the body must be a JSON object", null);
            }
            fields = (ObjectNode) node;
        } catch (JsonProcessingException e) {
            return error(400, "INVALID_JSON", e.getOriginalMessage(), null);
        }
        if (fields.has(SageFields.CT_NUM) && !fields.get(SageFields.CT_NUM).asText().equals(ctNum)) {
            return error(422, "CT_NUM_READ_ONLY", "an account number cannot be changed", SageFields.CT_NUM);
        }
        fields.remove(SageFields.CT_NUM);
        if (fields.has("CT_Intitule") && fields.get("CT_Intitule").asText("").isBlank()) {
            return error(422, "CT_INTITULE_REQUIRED", "CT_Intitule (the account's name) cannot be emptied", "CT_Intitule");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Response invalid = validate(fields, values);
        if (invalid != null) {
            return invalid;
        }
        try (Connection connection = sage.getConnection()) {
            if (!exists(connection, ctNum)) {
                return error(404, "CT_NUM_UNKNOWN", "no account " + ctNum, SageFields.CT_NUM);
            }
            if (!values.isEmpty()) {
                String sql = "UPDATE F_COMPTET SET " + String.join(", ", values.keySet().stream().map(c -> c + " = ?").toList())
                        + " WHERE CT_Num = ?";
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    int k = 1;
                    for (String value : values.values()) {
                        ps.setString(k++, value);
                    }
                    ps.setString(k, ctNum);
                    ps.executeUpdate();
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            log.info("Simulated Sage bridge: account {} updated ({})", ctNum, values.keySet());
            return Response.json(200, account(connection, ctNum));
        }
    }

    /** Known Sage fields only, text values within the column lengths; fills values (column → text). */
    private Response validate(ObjectNode fields, Map<String, String> values) {
        ColumnLengths columnLengths = lengths();
        var names = fields.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals(SageFields.CT_NUM) || name.equals(SageFields.CT_TYPE)) {
                continue;
            }
            if (!SageFields.COLUMN_TO_FIELD.containsKey(name)) {
                return error(422, "FIELD_UNKNOWN", "unknown or read-only field " + name, name);
            }
            JsonNode value = fields.get(name);
            String text = value.isNull() ? "" : value.asText();
            Integer max = columnLengths.of(name);
            if (max != null && text.length() > max) {
                return error(422, "FIELD_TOO_LONG", name + " is " + text.length() + " characters long, at most " + max, name);
            }
            values.put(name, text);
        }
        return null;
    }

    private ColumnLengths lengths() {
        ColumnLengths current = lengths;
        if (current == null || !current.fromCatalogue()) {
            current = ColumnLengths.read(sage, SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS);
            lengths = current;
        }
        return current;
    }

    private Response read(String ctNum) throws SQLException {
        try (Connection connection = sage.getConnection()) {
            if (!exists(connection, ctNum)) {
                return error(404, "CT_NUM_UNKNOWN", "no account " + ctNum, SageFields.CT_NUM);
            }
            return Response.json(200, account(connection, ctNum));
        }
    }

    private static boolean exists(Connection connection, String ctNum) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM F_COMPTET WHERE CT_Num = ?")) {
            ps.setString(1, ctNum);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private ObjectNode account(Connection connection, String ctNum) throws SQLException {
        String columns = SageFields.CT_NUM + ", " + SageFields.CT_TYPE + ", " + String.join(", ", SageFields.COLUMN_TO_FIELD.keySet())
                + ", CT_Sommeil, cbMarq, cbModification";
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + columns + " FROM F_COMPTET WHERE CT_Num = ?")) {
            ps.setString(1, ctNum);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ObjectNode node = json.createObjectNode();
                node.put(SageFields.CT_NUM, rs.getString(SageFields.CT_NUM));
                node.put(SageFields.CT_TYPE, rs.getInt(SageFields.CT_TYPE));
                for (String column : SageFields.COLUMN_TO_FIELD.keySet()) {
                    node.put(column, rs.getString(column));
                }
                node.put("CT_Sommeil", rs.getInt("CT_Sommeil"));
                node.put("cbMarq", rs.getInt("cbMarq"));
                node.put("cbModification", rs.getTimestamp("cbModification").toLocalDateTime().toString());
                return node;
            }
        }
    }

    private ObjectNode error(String code, String message, String field) {
        ObjectNode node = json.createObjectNode().put("code", code).put("message", message);
        if (field != null) {
            node.put("field", field);
        }
        return node;
    }

    private Response error(int status, String code, String message, String field) {
        return Response.json(status, error(code, message, field));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
