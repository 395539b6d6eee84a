package fr.relais.customer.match;

import fr.relais.cli.Command;

import java.util.Map;

/** Command-line commands of the customer matching engine. */
public final class MatchingCommands {

    private MatchingCommands() {
    }

    public static Map<String, Command> all() {
        return Map.of(MatchCustomersCommand.NAME, new MatchCustomersCommand(),
                GenerateCustomersCommand.NAME, new GenerateCustomersCommand(),
                BenchMatchingCommand.NAME, new BenchMatchingCommand());
    }
}
