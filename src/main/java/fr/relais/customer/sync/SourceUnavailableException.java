package fr.relais.customer.sync;

/** A source database (ERP or Sage) could not be read: the cycle stops, the next one tries again. */
public class SourceUnavailableException extends RuntimeException {

    private final SyncSystem system;

    public SourceUnavailableException(SyncSystem system, String message, Throwable cause) {
        super(message, cause);
        this.system = system;
    }

    public SyncSystem system() {
        return system;
    }
}
