package fr.relais.mail.graph;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the routes of routes/mail-graph.yaml call. Present in every mode (a route's bean must exist when
 * the routes are built), it works only with relais.mail.transport=graph: otherwise the routes do not start
 * (autoStartup from relais.outlook.active) and calling it is an error.
 */
@Component("outlookPolling")
public class OutlookPolling {

    private final ObjectProvider<GraphMailSync> sync;

    public OutlookPolling(ObjectProvider<GraphMailSync> sync) {
        this.sync = sync;
    }

    /** One delta round of the inbox and of the category folders; returns what it did. */
    public String pollInbox() {
        try {
            return sync().pollInbox().toString();
        } catch (RuntimeException e) {
            throw failed("inbox", e);
        }
    }

    /** One delta round of Sent Items. */
    public String pollSent() {
        try {
            return sync().pollSent().toString();
        } catch (RuntimeException e) {
            throw failed("Sent Items", e);
        }
    }

    private static GraphUnavailableException failed(String folder, RuntimeException e) {
        return new GraphUnavailableException("Outlook " + folder + " poll failed: " + OutlookStatus.describe(e), e);
    }

    private GraphMailSync sync() {
        GraphMailSync bean = sync.getIfAvailable();
        if (bean == null) {
            throw new IllegalStateException("the Outlook routes run only with relais.mail.transport=graph");
        }
        return bean;
    }
}
