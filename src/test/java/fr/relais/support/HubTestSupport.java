package fr.relais.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole hub on its embedded defaults, as a user starts it, in a fresh data folder with free ports and a
 * known admin password. Test classes that extend it share one running hub (Spring's context cache).
 * Test-only routes in src/test/resources/test-routes are loaded beside the real ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.jmx.enabled=true")
@Import(TestBeans.class)
@AutoConfigureObservability
public abstract class HubTestSupport {

    public static final String ADMIN = "admin";
    public static final String PASSWORD = "test-password-0123456789";
    public static final Path DATA_DIR = tempDir();
    public static final int SMTP_PORT = freePort();
    public static final int IMAP_PORT = freePort();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
        registry.add("relais.security.admin-password", () -> PASSWORD);
        registry.add("relais.mail.smtp-port", () -> SMTP_PORT);
        registry.add("relais.mail.imap-port", () -> IMAP_PORT);
        registry.add("relais.broker.max-redeliveries", () -> 2);
        registry.add("relais.broker.redelivery-delay", () -> 100);
        // the customer sync would link, create and open tickets on the demo data under the other tests' feet:
        // its routes stay stopped here (its own tests drive it on their own databases, see CustomerSyncTest)
        registry.add("relais.sync.enabled", () -> false);
        registry.add("camel.main.routes-include-pattern", () -> "classpath:routes/*.yaml,classpath:test-routes/*.yaml");
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("relais-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
