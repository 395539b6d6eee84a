package fr.relais.mail.graph;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import fr.relais.store.SqlValues;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The folders the hub files mails into: a path under relais.outlook.folder-parent (the Inbox by default), with
 * "/" between levels ("Relais/SAV" is the folder SAV inside the folder Relais, as over IMAP). Each level is found
 * by its display name and created when missing. The ids are kept in memory and in table graph_folder: with
 * immutable ids they do not change, and the folders listed there are the ones watched for the done category.
 */
public class GraphFolders {

    private final GraphServiceClient graph;
    private final String mailbox;
    private final String parent;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    public GraphFolders(GraphServiceClient graph, OutlookProperties properties, DataSource dataSource, Clock clock) {
        this.graph = graph;
        this.mailbox = properties.mailbox().toLowerCase(Locale.ROOT);
        this.parent = properties.folderParent();
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** The id of the folder at this path, created (level by level) when it does not exist yet. */
    public String idOf(String path) {
        String normalised = normalise(path);
        String known = ids.get(normalised);
        if (known != null) {
            return known;
        }
        Optional<String> stored = stored(normalised);
        if (stored.isPresent()) {
            ids.put(normalised, stored.get());
            return stored.get();
        }
        synchronized (this) {
            String folderId = parent;
            for (String name : normalised.split("/")) {
                folderId = childOf(folderId, name);
            }
            remember(normalised, folderId);
            return folderId;
        }
    }

    /** The folders the hub has filed mails into (path → id), for the done-category watch. */
    public Map<String, String> known() {
        Map<String, String> folders = new java.util.TreeMap<>();
        jdbc.query("SELECT path, folder_id FROM graph_folder WHERE mailbox = :mailbox", new MapSqlParameterSource("mailbox", mailbox),
                rs -> {
                    folders.put(rs.getString("path"), rs.getString("folder_id"));
                });
        return folders;
    }

    /** Forgets a folder that no longer exists. */
    public void forget(String path) {
        String normalised = normalise(path);
        ids.remove(normalised);
        jdbc.update("DELETE FROM graph_folder WHERE mailbox = :mailbox AND path = :path",
                new MapSqlParameterSource("mailbox", mailbox).addValue("path", normalised));
    }

    private String childOf(String parentId, String name) {
        Optional<String> found = find(parentId, name);
        if (found.isPresent()) {
            return found.get();
        }
        MailFolder folder = new MailFolder();
        folder.setDisplayName(name);
        try {
            return graph.users().byUserId(mailbox).mailFolders().byMailFolderId(parentId).childFolders().post(folder).getId();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 409) {
                throw e;
            }
            // created meanwhile (another hub, or Claire): take it
            return find(parentId, name).orElseThrow(() -> e);
        }
    }

    private Optional<String> find(String parentId, String name) {
        MailFolderCollectionResponse page = graph.users().byUserId(mailbox).mailFolders().byMailFolderId(parentId).childFolders()
                .get(rc -> {
                    rc.queryParameters.filter = "displayName eq '" + name.replace("'", "''") + "'";
                    rc.queryParameters.select = new String[]{"id", "displayName"};
                });
        List<MailFolder> folders = page == null || page.getValue() == null ? List.of() : page.getValue();
        return folders.stream().filter(f -> name.equalsIgnoreCase(f.getDisplayName())).map(MailFolder::getId).findFirst();
    }

    private Optional<String> stored(String path) {
        return jdbc.queryForList("SELECT folder_id FROM graph_folder WHERE mailbox = :mailbox AND path = :path",
                new MapSqlParameterSource("mailbox", mailbox).addValue("path", path), String.class).stream().findFirst();
    }

    private void remember(String path, String folderId) {
        try {
            jdbc.update("INSERT INTO graph_folder (mailbox, path, folder_id, created_at) VALUES (:mailbox, :path, :id, :now)",
                    new MapSqlParameterSource("mailbox", mailbox).addValue("path", path).addValue("id", folderId)
                            .addValue("now", SqlValues.utc(clock.instant())));
        } catch (DataIntegrityViolationException alreadyThere) {
            // another hub filed into it first: same folder
        }
        ids.put(path, folderId);
    }

    static String normalise(String path) {
        String[] names = path.trim().split("\\s*/\\s*");
        StringBuilder result = new StringBuilder();
        for (String name : names) {
            if (!name.isEmpty()) {
                result.append(result.isEmpty() ? "" : "/").append(name);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("empty folder path '" + path + "'");
        }
        return result.toString();
    }
}
