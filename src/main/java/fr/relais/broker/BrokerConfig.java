package fr.relais.broker;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker: persistent journal (spring.artemis.embedded.*), JMX for Hawtio, the hub's
 * address settings, and an optional TCP acceptor on loopback for outside producers.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfig {

    @Bean
    ArtemisConfigurationCustomizer relaisBrokerCustomizer(BrokerProperties properties) {
        return configuration -> {
            configuration.setJMXManagementEnabled(true);
            configuration.setGracefulShutdownEnabled(true);
            configuration.setGracefulShutdownTimeout(10_000);
            if (properties.acceptorPort() > 0) {
                try {
                    configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + properties.acceptorPort());
                } catch (Exception e) {
                    throw new IllegalStateException("relais.broker.acceptor-port: cannot open an acceptor on port "
                            + properties.acceptorPort() + ": " + e.getMessage(), e);
                }
            }
            // A message that the hub itself could not even hand to its route (crash loops) ends in the
            // dead-letter queue after 10 deliveries instead of circling forever.
            AddressSettings settings = new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(properties.deadLetterQueue()))
                    .setMaxDeliveryAttempts(10)
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true)
                    .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setDefaultQueueRoutingType(RoutingType.ANYCAST);
            configuration.addAddressSetting("relais.#", settings);
        };
    }
}
