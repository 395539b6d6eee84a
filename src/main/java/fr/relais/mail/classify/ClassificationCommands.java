package fr.relais.mail.classify;

import fr.relais.cli.Command;

import java.util.Map;

/** Command-line commands of the mail classifier. */
public final class ClassificationCommands {

    private ClassificationCommands() {
    }

    public static Map<String, Command> all() {
        return Map.of();
    }
}
