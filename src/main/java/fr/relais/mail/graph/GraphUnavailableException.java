package fr.relais.mail.graph;

/** Microsoft Graph (or its token endpoint) could not be used now: the poll or the call fails and is tried again later. */
public class GraphUnavailableException extends RuntimeException {

    public GraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
