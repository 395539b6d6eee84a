package fr.relais.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The answers to duplicate-customer reviews, so that a question is never asked twice. A pair of records
 * is the same question whichever way round it is asked; the first answer stays.
 */
@Component
public class ReviewDecisions {

    private static final RowMapper<ReviewDecision> ROW = (rs, n) -> new ReviewDecision(rs.getLong("id"),
            rs.getString("system_a"), rs.getString("id_a"), rs.getString("system_b"), rs.getString("id_b"),
            ReviewDecision.Answer.valueOf(rs.getString("decision")), rs.getString("decided_by"),
            SqlValues.instant(rs, "decided_at"), SqlValues.nullableLong(rs, "ticket_id"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate nested;
    private final Clock clock;

    @Autowired
    public ReviewDecisions(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public ReviewDecisions(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.nested = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /** The answer already given for this pair, in either order. */
    public Optional<ReviewDecision> find(String system1, String id1, String system2, String id2) {
        return jdbc.query("SELECT id, system_a, id_a, system_b, id_b, decision, decided_by, decided_at, ticket_id"
                        + " FROM review_decision WHERE system_a = :systemA AND id_a = :idA"
                        + " AND system_b = :systemB AND id_b = :idB",
                pair(system1, id1, system2, id2), ROW).stream().findFirst();
    }

    /**
     * Stores an answer and returns the stored decision: the one just given, or the earlier one when the
     * pair was already answered (the first answer stays).
     */
    public ReviewDecision record(String system1, String id1, String system2, String id2,
                                 ReviewDecision.Answer answer, String decidedBy, Long ticketId) {
        var params = pair(system1, id1, system2, id2)
                .addValue("decision", answer.name())
                .addValue("decidedBy", decidedBy == null || decidedBy.isBlank() ? "system" : decidedBy)
                .addValue("decidedAt", SqlValues.utc(Instant.now(clock)))
                .addValue("ticketId", ticketId);
        try {
            nested.executeWithoutResult(status -> jdbc.update("INSERT INTO review_decision (system_a, id_a,"
                    + " system_b, id_b, decision, decided_by, decided_at, ticket_id) VALUES (:systemA, :idA,"
                    + " :systemB, :idB, :decision, :decidedBy, :decidedAt, :ticketId)", params));
        } catch (DataIntegrityViolationException alreadyAnswered) {
            // the first answer stays; it is returned below
        }
        return find(system1, id1, system2, id2).orElseThrow();
    }

    private static MapSqlParameterSource pair(String system1, String id1, String system2, String id2) {
        boolean inOrder = (system1 + '\u0000' + id1).compareTo(system2 + '\u0000' + id2) <= 0;
        return new MapSqlParameterSource()
                .addValue("systemA", inOrder ? system1 : system2).addValue("idA", inOrder ? id1 : id2)
                .addValue("systemB", inOrder ? system2 : system1).addValue("idB", inOrder ? id2 : id1);
    }
}
