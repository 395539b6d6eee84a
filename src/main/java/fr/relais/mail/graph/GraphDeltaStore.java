package fr.relais.mail.graph;

import fr.relais.store.SqlValues;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Where each delta sync resumes (table graph_delta_state, migration V6): per mailbox and folder, the last
 * deltaLink or nextLink whose mails before it were all handed to the pipeline.
 */
public class GraphDeltaStore {

    /** A saved resume point: {@code delta} when the last round finished, {@code next} in the middle of one. */
    public record Link(String url, String kind) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public GraphDeltaStore(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    public Optional<Link> load(String mailbox, String folder) {
        List<Link> links = jdbc.query("SELECT link, link_kind FROM graph_delta_state WHERE mailbox = :mailbox AND folder = :folder",
                params(mailbox, folder), (rs, i) -> new Link(rs.getString("link"), rs.getString("link_kind")));
        return links.stream().findFirst();
    }

    public void save(String mailbox, String folder, String link, String kind) {
        MapSqlParameterSource params = params(mailbox, folder).addValue("link", link).addValue("kind", kind)
                .addValue("now", SqlValues.utc(clock.instant()));
        int updated = jdbc.update("UPDATE graph_delta_state SET link = :link, link_kind = :kind, updated_at = :now"
                + " WHERE mailbox = :mailbox AND folder = :folder", params);
        if (updated == 0) {
            jdbc.update("INSERT INTO graph_delta_state (mailbox, folder, link, link_kind, updated_at)"
                    + " VALUES (:mailbox, :folder, :link, :kind, :now)", params);
        }
    }

    /** Forgets the resume point (Graph no longer knows it): the next round is a new initial sync. */
    public void reset(String mailbox, String folder) {
        jdbc.update("DELETE FROM graph_delta_state WHERE mailbox = :mailbox AND folder = :folder", params(mailbox, folder));
    }

    private static MapSqlParameterSource params(String mailbox, String folder) {
        return new MapSqlParameterSource("mailbox", mailbox.toLowerCase(java.util.Locale.ROOT)).addValue("folder", folder);
    }
}
