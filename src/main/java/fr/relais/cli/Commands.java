package fr.relais.cli;

import fr.relais.customer.match.MatchingCommands;
import fr.relais.customer.sync.SyncCommands;
import fr.relais.mail.bench.BenchMailPipelineCommand;
import fr.relais.mail.classify.ClassificationCommands;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The commands the jar understands besides starting the hub: {@code java -jar relais.jar NAME ARGS...}.
 * Each feature registers its own commands in one class of its package.
 */
public final class Commands {

    private Commands() {
    }

    /** Every command by name. */
    public static Map<String, Command> all() {
        Map<String, Command> all = new TreeMap<>();
        all.putAll(MatchingCommands.all());
        all.putAll(ClassificationCommands.all());
        all.putAll(SyncCommands.all());
        all.put("bench-mail-pipeline", new BenchMailPipelineCommand());
        return all;
    }

    /** The command named by the first argument, if any. */
    public static Optional<Command> find(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return Optional.empty();
        }
        return Optional.ofNullable(all().get(args[0]));
    }

    /** Runs the command named by the first argument with the others. */
    public static int run(Command command, String[] args) {
        return command.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
    }
}
