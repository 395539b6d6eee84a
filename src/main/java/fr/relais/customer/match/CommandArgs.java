package fr.relais.customer.match;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} arguments of the matching commands; unknown or incomplete ones are usage errors. */
final class CommandArgs {

    private final Map<String, String> values = new HashMap<>();

    private CommandArgs() {
    }

    static CommandArgs parse(String[] args, Set<String> allowed) {
        CommandArgs a = new CommandArgs();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--") || !allowed.contains(k.substring(2))) {
                throw new IllegalArgumentException("unknown argument '" + k + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("missing value after " + k);
            }
            a.values.put(k.substring(2), args[++i]);
        }
        return a;
    }

    String get(String name) {
        return values.get(name);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    String getOrDefault(String name, String def) {
        return values.getOrDefault(name, def);
    }

    int intValue(String name, int def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }
}
