package fr.relais.mail.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail pipeline benchmark as docs/BENCHMARKS.md runs it, on the packaged target/relais.jar (Failsafe), at a
 * size that only shows it works: every phase runs to its end and prints its line, every mail of the pipeline run
 * is processed (no figure is asserted: speed is measured by the benchmark, never in a test).
 */
class BenchMailPipelineIT {

    private static final int MAILS = 30;

    @Test
    void everyPhaseOfTheBenchRunsAndEveryMailIsProcessed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "relais.jar").toAbsolutePath();
        assertThat(jar).as("the packaged hub (mvn verify builds it before this test)").exists();
        Path log = Files.createTempFile(Path.of("target"), "bench-mail-pipeline-", ".log");
        Process bench = new ProcessBuilder(List.of(java, "-Xmx1g", "-jar", jar.toString(), "bench-mail-pipeline",
                "--mails", String.valueOf(MAILS), "--warmup", "0", "--rate", "0", "--timeout", "120"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = bench.waitFor(6, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly().waitFor();
        }
        String out = Files.readString(log);
        assertThat(ended).as("the bench ends; its output:%n%s", out).isTrue();
        assertThat(bench.exitValue()).as("exit status; output:%n%s", out).isZero();

        // one newsletter in ten: NON_TICKET; every other mail opens a ticket
        assertThat(out).contains("pipeline: " + MAILS + " mails in").contains("outcomes {NON_TICKET=3, TICKET=27}");
        Matcher sent = Pattern.compile("acknowledgements and notifications: (\\d+) sent").matcher(out);
        assertThat(sent.find()).as(out).isTrue();
        assertThat(Integer.parseInt(sent.group(1))).as("one acknowledgement per ticket at least").isGreaterThanOrEqualTo(27);
        assertThat(out).contains("bare route, the hub's bulk UID fetch (ImapMailSource) + insert a row: " + MAILS
                + " mails in");
        for (String floor : List.of("parse and classify", "send one acknowledgement over SMTP",
                "parse, classify and send one acknowledgement")) {
            assertThat(out).containsPattern("floor: bare route \\+ " + Pattern.quote(floor) + ": " + MAILS
                    + " mails in [0-9.]+ s = [0-9.]+ mails/s \\(best of 3 runs: [0-9]+, [0-9]+, [0-9]+\\)");
        }
        assertThat(out).contains("ratio pipeline / plumbing limit");
    }
}
