package fr.relais.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged hub (target/relais.jar, built by {@code mvn verify} before the Failsafe tests) started as its own
 * process, for the tests that kill it with SIGKILL and start it again on the same data folder.
 */
public final class PackagedHub {

    private PackagedHub() {
    }

    /**
     * Starts the jar with the given port, data folder, the tests' admin password and {@code settings}
     * ({@code --name=value}), its output in {@code dataDir/logName}; returns once its health is UP.
     */
    public static Process start(Path dataDir, int httpPort, String logName, List<String> settings) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "relais.jar").toAbsolutePath();
        assertThat(jar).as("the packaged hub (mvn verify builds it before this test)").exists();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
                "--server.port=" + httpPort,
                "--relais.data-dir=" + dataDir,
                "--relais.security.admin-password=" + HubTestSupport.PASSWORD));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(logName).toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the hub exited: " + tail(dataDir, logName));
                }
                try {
                    return Http.anonymous().get("http://localhost:" + httpPort + "/actuator/health").body().contains("\"UP\"");
                } catch (Exception notYet) {
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the hub did not become healthy: " + tail(dataDir, logName), e);
        }
        return process;
    }

    /** The last 300 lines of a hub's log, for failure messages. */
    public static String tail(Path dataDir, String logName) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(logName));
            return String.join(File.separator.equals("/") ? "\n" : "\r\n", lines.subList(Math.max(0, lines.size() - 300), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
