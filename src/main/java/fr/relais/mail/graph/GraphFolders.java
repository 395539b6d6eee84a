package fr.relais.mail.graph;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The category folders of the shared mailbox, children of relais.outlook.folder-parent (the inbox by
 * default), found by display name and created when missing. Their ids are kept: with immutable ids they do
 * not change.
 */
public class GraphFolders {

    private final GraphServiceClient graph;
    private final String mailbox;
    private final String parent;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    public GraphFolders(GraphServiceClient graph, OutlookProperties properties) {
        this.graph = graph;
        this.mailbox = properties.mailbox();
        this.parent = properties.folderParent();
    }

    /** The id of the folder, created when it does not exist yet. */
    public String idOf(String displayName) {
        String known = ids.get(displayName);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            Optional<String> found = find(displayName);
            if (found.isPresent()) {
                ids.put(displayName, found.get());
                return found.get();
            }
            MailFolder folder = new MailFolder();
            folder.setDisplayName(displayName);
            String id;
            try {
                id = graph.users().byUserId(mailbox).mailFolders().byMailFolderId(parent).childFolders().post(folder).getId();
            } catch (ApiException e) {
                if (e.getResponseStatusCode() != 409) {
                    throw e;
                }
                // created meanwhile (another hub, or Claire): take it
                id = find(displayName).orElseThrow(() -> e);
            }
            ids.put(displayName, id);
            return id;
        }
    }

    /** The id of the folder when it exists (never creates it). */
    public Optional<String> existing(String displayName) {
        String known = ids.get(displayName);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = find(displayName);
        found.ifPresent(id -> ids.put(displayName, id));
        return found;
    }

    private Optional<String> find(String displayName) {
        MailFolderCollectionResponse page = graph.users().byUserId(mailbox).mailFolders().byMailFolderId(parent).childFolders()
                .get(rc -> {
                    rc.queryParameters.filter = "displayName eq '" + displayName.replace("'", "''") + "'";
                    rc.queryParameters.select = new String[]{"id", "displayName"};
                });
        List<MailFolder> folders = page == null || page.getValue() == null ? List.of() : page.getValue();
        return folders.stream().filter(f -> displayName.equalsIgnoreCase(f.getDisplayName())).map(MailFolder::getId).findFirst();
    }
}
