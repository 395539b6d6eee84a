package fr.relais.deadletter;

import fr.relais.broker.BrokerProperties;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.jms.core.JmsTemplate;

import jakarta.jms.ConnectionFactory;

@Configuration(proxyBeanMethods = false)
public class DeadLetterConfig {

    @Bean
    DeadLetterHeaders deadLetterHeaders() {
        return new DeadLetterHeaders();
    }

    @Bean
    DeadLetterService deadLetterService(ConnectionFactory connectionFactory, ProducerTemplate producer,
                                        BrokerProperties broker) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(2000); // discard/replay wait at most this long for the selected letter
        return new DeadLetterService(jms, producer, broker.deadLetterQueue());
    }

    @Bean
    DeadLettersMBean deadLettersMBean(DeadLetterService service) {
        return new DeadLettersMBean(service);
    }

    /** The dead letters in Hawtio's JMX tab (relais > DeadLetters): list, replay, discard. */
    @ManagedResource(objectName = "relais:type=DeadLetters", description = "Dead letters of the Relais hub")
    public static class DeadLettersMBean {
        private final DeadLetterService service;

        DeadLettersMBean(DeadLetterService service) {
            this.service = service;
        }

        @ManagedOperation(description = "Lists the dead letters (id, route, reason, failed at)")
        public String list() {
            StringBuilder text = new StringBuilder();
            for (DeadLetter letter : service.list(200)) {
                text.append(letter.id()).append(" | ").append(letter.routeId()).append(" | ")
                        .append(letter.failedAt()).append(" | ").append(letter.reason()).append('\n');
            }
            return text.isEmpty() ? "no dead letters" : text.toString();
        }

        @ManagedOperation(description = "Sends a dead letter back to where it came from")
        public String replay(String id) {
            return service.replay(id).map(l -> "replayed to " + l.endpoint()).orElse("no dead letter " + id);
        }

        @ManagedOperation(description = "Removes a dead letter for good")
        public String discard(String id) {
            return service.discard(id) ? "discarded " + id : "no dead letter " + id;
        }
    }
}
