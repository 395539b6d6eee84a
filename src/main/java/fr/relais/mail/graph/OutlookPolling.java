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
        return sync().pollInbox().toString();
    }

    /** One delta round of Sent Items. */
    public String pollSent() {
        return sync().pollSent().toString();
    }

    private GraphMailSync sync() {
        GraphMailSync bean = sync.getIfAvailable();
        if (bean == null) {
            throw new IllegalStateException("the Outlook routes run only with relais.mail.transport=graph");
        }
        return bean;
    }
}
