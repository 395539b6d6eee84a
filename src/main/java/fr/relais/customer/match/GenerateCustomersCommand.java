package fr.relais.customer.match;

import fr.relais.cli.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code generate-customers --customers N --seed S --out-dir DIR [--profile savoie|heldout]}: writes
 * erp.csv and sage.csv (the match-customers input) and truth.csv ({@code system,id,customer_id}).
 */
public final class GenerateCustomersCommand implements Command {

    public static final String NAME = "generate-customers";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandArgs a = CommandArgs.parse(args, Set.of("customers", "seed", "out-dir", "profile"));
            int n = a.intValue("customers", 2000);
            long seed = a.intValue("seed", 42);
            Path dir = Path.of(a.required("out-dir"));
            GeneratorProfile profile = GeneratorProfile.byName(a.getOrDefault("profile", "savoie"));
            if (n < 1) {
                throw new IllegalArgumentException("--customers must be at least 1");
            }
            CustomerDataGenerator.Dataset d = CustomerDataGenerator.generate(n, seed, profile);
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("erp.csv"), StandardCharsets.UTF_8)) {
                CustomerCsv.writeCustomers(w, d.erp());
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve("sage.csv"), StandardCharsets.UTF_8)) {
                CustomerCsv.writeCustomers(w, d.sage());
            }
            List<List<String>> truth = new ArrayList<>();
            addTruth("ERP", d.erp(), d.erpTruth(), truth);
            addTruth("SAGE", d.sage(), d.sageTruth(), truth);
            try (Writer w = Files.newBufferedWriter(dir.resolve("truth.csv"), StandardCharsets.UTF_8)) {
                CustomerCsv.write(w, List.of("system", "id", "customer_id"), truth);
            }
            out.printf("generate-customers: %d customers (profile %s, seed %d): %d ERP and %d Sage records in %s%n",
                    n, profile.name(), seed, d.erp().size(), d.sage().size(), dir);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("generate-customers: " + e.getMessage());
            err.println("usage: generate-customers --customers N --seed S --out-dir DIR [--profile savoie|heldout]");
            return 2;
        } catch (IOException e) {
            err.println("generate-customers: cannot write (" + e.getMessage() + ")");
            return 2;
        }
    }

    private static void addTruth(String system, List<CustomerRecord> records, Map<String, String> truth,
                                 List<List<String>> rows) {
        for (CustomerRecord r : records) {
            rows.add(List.of(system, r.id(), truth.get(r.id())));
        }
    }
}
