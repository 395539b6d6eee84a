package fr.relais.cli;

import java.io.PrintStream;

/** A command-line command of the relais jar that runs without starting the hub (no Spring, no server). */
@FunctionalInterface
public interface Command {
    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param out  where results and progress go
     * @param err  where errors go (with the file, line and reason)
     * @return the process exit code: 0 on success
     */
    int run(String[] args, PrintStream out, PrintStream err);
}
