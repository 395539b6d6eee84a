package fr.relais.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code broker} in /actuator/health: a JMS connection can be opened within a few seconds. */
@Component
public class BrokerHealthIndicator extends AbstractHealthIndicator {

    private final ConnectionFactory connectionFactory;
    private final BrokerProperties properties;

    public BrokerHealthIndicator(ConnectionFactory connectionFactory, BrokerProperties properties) {
        super("broker health check failed");
        this.connectionFactory = connectionFactory;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("mode", properties.mode());
        if (!properties.embedded()) {
            builder.withDetail("url", properties.url());
        }
        String provider = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = connectionFactory.createConnection()) {
                connection.start();
                return connection.getMetaData().getJMSProviderName();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }).get(5, TimeUnit.SECONDS);
        builder.up().withDetail("provider", provider);
    }
}
