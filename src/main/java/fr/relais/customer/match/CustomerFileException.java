package fr.relais.customer.match;

/** A customer CSV file that cannot be read: the message names the file, the line and the reason. */
public final class CustomerFileException extends Exception {

    private final String file;
    private final long line;

    public CustomerFileException(String file, long line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
