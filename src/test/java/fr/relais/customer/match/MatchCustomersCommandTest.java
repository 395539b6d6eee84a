package fr.relais.customer.match;

import fr.relais.cli.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchCustomersCommandTest {

    private static final String HEADER = "id,name,address,postcode,city,phone,email,siret\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Commands.find(prepend("match-customers", args)).orElseThrow()
                .run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void smallFilesGiveTheKnownAnswer() throws Exception {
        Path erp = write("erp.csv", HEADER
                + "E1,DUPONT Jean,12 av. de Genève,74000,Annecy,06 12 34 56 78,,\n"
                + "E2,SARL Plomberie Favre,3 rue Carnot,74000,Annecy,04 50 11 11 11,,732 829 320 00074\n"
                + "E3,Jean MARTIN,12 rue des Lilas,74000,Annecy,06 11 22 33 44,,\n"
                + "E4,\"Favre, Marie\",5 r. du Lac,74290,Talloires,,marie.favre@orange.fr,\n"
                + "E5,Jean Dupont,\"12 avenue de Genève\",74000,Annecy,0612345678,,\n");
        Path sage = write("sage.csv", HEADER
                + "S1,M. Jean Dupont,12 avenue de Geneve,74 000,ANNECY,+33 6 12 34 56 78,,\n"
                + "S2,PLOMBERIE FAVRE S.A.R.L.,3 r. Carnot,74000,ANNECY,0450111111,,73282932000074\n"
                + "S3,MARTIN Jean,48 chemin du Semnoz,74000,Annecy,06 55 66 77 88,,\n"
                + "S4,Mme Marie FAVRE,5 rue du Lac,74290,TALLOIRES,,Marie.Favre@orange.fr,\n");
        Path matches = dir.resolve("out/matches.csv");
        Path dups = dir.resolve("out/dups.csv");
        Path explain = dir.resolve("out/explain.csv");
        int code = run("--erp", erp.toString(), "--sage", sage.toString(), "--out", matches.toString(),
                "--out-duplicates", dups.toString(), "--explanations", explain.toString());
        assertThat(code).as(stderr()).isZero();
        List<String> lines = Files.readAllLines(matches);
        assertThat(lines.get(0)).isEqualTo("erp_id,sage_id,score,decision");
        // E1 and E5 are the same customer typed twice in the ERP: one links, the other goes to review
        assertThat(lines.subList(1, lines.size()))
                .anyMatch(l -> l.matches("E[15],S1,\\d\\.\\d{4},LINK"))
                .anyMatch(l -> l.matches("E2,S2,\\d\\.\\d{4},LINK"))
                .anyMatch(l -> l.matches("E4,S4,\\d\\.\\d{4},LINK"))
                .noneMatch(l -> l.startsWith("E3,"))
                .noneMatch(l -> l.contains(",S3,"));
        List<String> d = Files.readAllLines(dups);
        assertThat(d.get(0)).isEqualTo("system,id_a,id_b,score,decision");
        assertThat(d.subList(1, d.size())).singleElement().satisfies(l -> assertThat(l).matches("ERP,E1,E5,\\d\\.\\d{4},LINK"));
        assertThat(Files.readString(explain)).contains("Nom : identique").contains("Téléphone");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("LINK");
    }

    @Test
    void wrongHeaderIsRefusedWithFileLineAndReason() throws Exception {
        Path erp = write("erp.csv", "id;name;address;postcode;city;phone;email;siret\nE1;A;;;;;;\n");
        Path sage = write("sage.csv", HEADER);
        int code = run("--erp", erp.toString(), "--sage", sage.toString(), "--out", dir.resolve("m.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("erp.csv:1").contains("wrong header");
        assertThat(dir.resolve("m.csv")).doesNotExist();
    }

    @Test
    void badQuotingIsRefusedWithItsLine() throws Exception {
        Path erp = write("erp.csv", HEADER + "E1,Jean Dupont,,,,,,\nE2,\"Favre\" Marie,,,,,,\n");
        int code = run("--erp", erp.toString(), "--sage", write("sage.csv", HEADER).toString(), "--out",
                dir.resolve("m.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("erp.csv:3").contains("quot");
    }

    @Test
    void unclosedQuoteIsRefused() throws Exception {
        Path sage = write("sage.csv", HEADER + "S1,\"Jean Dupont,,,,,,\nS2,Marie,,,,,,\n");
        int code = run("--erp", write("erp.csv", HEADER).toString(), "--sage", sage.toString(), "--out",
                dir.resolve("m.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("sage.csv:2").contains("never closed");
    }

    @Test
    void wrongEncodingIsRefusedWithItsLine() throws Exception {
        Path erp = dir.resolve("erp.csv");
        Files.write(erp, (HEADER + "E1,Jean Dupont,,,,,,\nE2,Hélène Favre,,,,,,\n").getBytes(StandardCharsets.ISO_8859_1));
        int code = run("--erp", erp.toString(), "--sage", write("sage.csv", HEADER).toString(), "--out",
                dir.resolve("m.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("erp.csv:3").contains("not UTF-8");
    }

    @Test
    void wrongNumberOfFieldsAndDuplicateIdsAreRefused() throws Exception {
        Path erp = write("erp.csv", HEADER + "E1,Jean Dupont,12 rue, des Lilas,74000,Annecy,,,\n");
        assertThat(run("--erp", erp.toString(), "--sage", write("sage.csv", HEADER).toString(), "--out",
                dir.resolve("m.csv").toString())).isEqualTo(2);
        assertThat(stderr()).contains("erp.csv:2").contains("expected 8 fields but found 9");
        err.reset();
        Path sage = write("sage2.csv", HEADER + "S1,A,,,,,,\nS1,B,,,,,,\n");
        assertThat(run("--erp", write("erp2.csv", HEADER).toString(), "--sage", sage.toString(), "--out",
                dir.resolve("m.csv").toString())).isEqualTo(2);
        assertThat(stderr()).contains("sage2.csv:3").contains("already used on line 2");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(run("--erp", "x.csv")).isEqualTo(2);
        assertThat(stderr()).contains("missing --sage").contains("usage:");
        err.reset();
        assertThat(run("--erp", "x.csv", "--sage", "y.csv", "--out", "z.csv", "--bogus", "1")).isEqualTo(2);
        assertThat(stderr()).contains("unknown argument '--bogus'");
        err.reset();
        assertThat(run("--erp", dir.resolve("missing.csv").toString(), "--sage", "y.csv", "--out", "z.csv"))
                .isEqualTo(2);
        assertThat(stderr()).contains("missing.csv").contains("cannot read");
    }

    @Test
    void configFileOverridesThresholds() throws Exception {
        Path erp = write("erp.csv", HEADER + "E1,DUPONT Jean,12 av. de Genève,74000,Annecy,06 12 34 56 78,,\n");
        Path sage = write("sage.csv", HEADER + "S1,M. Jean Dupont,12 avenue de Geneve,74000,ANNECY,0612345678,,\n");
        Path config = write("strict.yaml", "thresholds:\n  link: 0.9999999\n");
        Path matches = dir.resolve("m.csv");
        assertThat(run("--erp", erp.toString(), "--sage", sage.toString(), "--out", matches.toString(), "--config",
                config.toString())).as(stderr()).isZero();
        assertThat(Files.readAllLines(matches)).hasSize(2).last().asString().endsWith(",REVIEW");
        err.reset();
        Path bad = write("bad.yaml", "thresholds:\n  lnk: 0.9\n");
        assertThat(run("--erp", erp.toString(), "--sage", sage.toString(), "--out", matches.toString(), "--config",
                bad.toString())).isEqualTo(2);
        assertThat(stderr()).contains("unknown setting 'thresholds.lnk'");
    }

    @Test
    void generatorWritesFilesTheMatcherReads() throws Exception {
        var gen = Commands.find(new String[] {"generate-customers"}).orElseThrow();
        int code = gen.run(new String[] {"--customers", "300", "--seed", "7", "--out-dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(stderr()).isZero();
        assertThat(Files.readAllLines(dir.resolve("truth.csv")).get(0)).isEqualTo("system,id,customer_id");
        assertThat(run("--erp", dir.resolve("erp.csv").toString(), "--sage", dir.resolve("sage.csv").toString(),
                "--out", dir.resolve("m.csv").toString())).as(stderr()).isZero();
        assertThat(Files.readAllLines(dir.resolve("m.csv")).size()).isGreaterThan(100);
    }
}
