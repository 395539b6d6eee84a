package fr.relais.platform;

/**
 * Input that no retry can mend (a malformed file, a request missing a field): the error handler sends
 * it straight to the dead-letter queue with this message as the reason. Say what and where.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
