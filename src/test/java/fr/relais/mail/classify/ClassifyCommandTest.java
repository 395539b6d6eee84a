package fr.relais.mail.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifyCommandTest {

    @Test
    void writesOneLinePerEmlFileWithTheContractHeader(@TempDir Path tmp) throws Exception {
        Path in = Path.of("src/test/resources/classify");
        Path out = tmp.resolve("results.csv");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = fr.relais.cli.Commands.all().get("classify").run(new String[]{"--in", in.toString(), "--out", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("file,category,urgency,confidence");
        long emls;
        try (var files = Files.list(in)) {
            emls = files.filter(p -> p.toString().endsWith(".eml")).count();
        }
        assertThat(lines).hasSize((int) emls + 1);
        assertThat(lines).contains("autoreply.eml,NON_TICKET,NORMAL,1.000");
        assertThat(lines).anyMatch(l -> l.startsWith("gaz-utf8-qp.eml,") && l.contains(",URGENT,"));
        assertThat(lines).anyMatch(l -> l.startsWith("broken.eml,"));
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.matches("[^,]+\\.eml,[A-Z_]+,(URGENT|NORMAL),[01]\\.\\d{3}"));
    }

    @Test
    void missingArgumentsGiveUsageAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ClassifyCommand().run(new String[]{"--in", "x"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: classify --in DIR --out RESULTS.csv");
    }

    @Test
    void exportedCorpusRoundTripsThroughTheParser(@TempDir Path tmp) throws Exception {
        Corpus.Entry entry = Corpus.parse("""
                === w9-sav-001 URGENT
                From: Mme Josiane Perrin <jo.perrin74@orange.fr>
                Subject: plus de chauffage à côté

                bonjour la chaudière est en panne
                ma mère a 89 ans
                """, "w9", Category.SAV).get(0);
        MailText mail = new MailParser().parse(entry.toEml());
        assertThat(mail.subject()).isEqualTo("plus de chauffage à côté");
        assertThat(mail.fromName()).isEqualTo("Mme Josiane Perrin");
        assertThat(mail.body()).isEqualTo("bonjour la chaudière est en panne\nma mère a 89 ans");
        assertThat(entry.urgency()).isEqualTo(Urgency.URGENT);
    }
}
