package fr.relais.customer.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.cli.Command;
import fr.relais.customer.match.CustomerMatcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command-line commands of the customer sync: {@code sync-dry-run} and {@code bench-sync}. */
public final class SyncCommands {

    private SyncCommands() {
    }

    public static Map<String, Command> all() {
        return Map.of("sync-dry-run", SyncCommands::dryRun, "bench-sync", new BenchSyncCommand());
    }

    /** {@code --name value} pairs; an unknown name or a missing value is an error naming it. */
    static Map<String, String> options(String[] args, Set<String> allowed, PrintStream err) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !allowed.contains(a.substring(2))) {
                err.println("unknown option '" + a + "' (known: --" + String.join(", --", allowed) + ")");
                return null;
            }
            if (i + 1 >= args.length) {
                err.println("option " + a + " needs a value");
                return null;
            }
            out.put(a.substring(2), args[++i]);
        }
        return out;
    }

    static String setting(Map<String, String> o, String option, String env, String fallback) {
        String v = o.get(option);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    static HikariDataSource pool(String name, String url, String user, String password) {
        var c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setReadOnly(true);
        c.setMaximumPoolSize(2);
        c.setConnectionTimeout(5000);
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }

    /**
     * {@code sync-dry-run --out DIR}: reads the ERP and Sage customers (URL, login from the options or from the hub's
     * environment variables RELAIS_ERP_URL/USERNAME/PASSWORD, RELAIS_SAGE_...; default: the demo's simulated databases
     * under RELAIS_DATA_DIR or ./data), writes nothing, writes the reconciliation report in DIR.
     */
    static int dryRun(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> o = options(args, Set.of("out", "erp-url", "erp-user", "sage-url", "sage-user", "erp-mapping",
                "sage-mapping"), err);
        if (o == null) {
            return 2;
        }
        if (!o.containsKey("out")) {
            err.println("usage: sync-dry-run --out DIR [--erp-url JDBC --erp-user U] [--sage-url JDBC --sage-user U]"
                    + " [--erp-mapping FILE] [--sage-mapping FILE]  (passwords: RELAIS_ERP_PASSWORD, RELAIS_SAGE_PASSWORD)");
            return 2;
        }
        String dataDir = setting(Map.of(), "", "RELAIS_DATA_DIR", "./data");
        String erpUrl = setting(o, "erp-url", "RELAIS_ERP_URL", "jdbc:h2:file:" + dataDir
                + "/erp-sim;MODE=MSSQLServer;DATABASE_TO_UPPER=false;AUTO_SERVER=FALSE;IFEXISTS=TRUE");
        String sageUrl = setting(o, "sage-url", "RELAIS_SAGE_URL", "jdbc:h2:file:" + dataDir
                + "/sage-sim;MODE=MSSQLServer;DATABASE_TO_UPPER=false;AUTO_SERVER=FALSE;IFEXISTS=TRUE");
        CustomerMapping erpMapping;
        CustomerMapping sageMapping;
        try {
            erpMapping = SyncConfiguration.mapping(SyncSystem.ERP, setting(o, "erp-mapping", "RELAIS_SYNC_ERP_MAPPING", ""),
                    "--erp-mapping");
            sageMapping = SyncConfiguration.mapping(SyncSystem.SAGE, setting(o, "sage-mapping", "RELAIS_SYNC_SAGE_MAPPING", ""),
                    "--sage-mapping");
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (HikariDataSource erp = pool("dry-run-erp", erpUrl, setting(o, "erp-user", "RELAIS_ERP_USERNAME", "sa"),
                setting(Map.of(), "", "RELAIS_ERP_PASSWORD", ""));
             HikariDataSource sage = pool("dry-run-sage", sageUrl, setting(o, "sage-user", "RELAIS_SAGE_USERNAME", "sa"),
                     setting(Map.of(), "", "RELAIS_SAGE_PASSWORD", ""))) {
            DryRun.Report r = new DryRun(new SourceReader(erp, erpMapping), new SourceReader(sage, sageMapping),
                    CustomerMatcher.withDefaults(), null, new SyncTexts()).run(Path.of(o.get("out")));
            out.println("dry run: nothing written; report " + r.folder().resolve("report.html").toAbsolutePath()
                    + " (" + r.took().toMillis() + " ms)");
            r.counts().forEach((k, v) -> out.println("  " + k + ": " + v));
            return 0;
        } catch (SourceUnavailableException e) {
            err.println(e.getMessage() + (e.getMessage().contains("Database may be already in use")
                    ? " — the hub is running on these files: use POST /api/sync/dry-run instead" : ""));
            return 3;
        } catch (java.io.IOException e) {
            err.println("cannot write the report: " + e.getMessage());
            return 3;
        }
    }
}
