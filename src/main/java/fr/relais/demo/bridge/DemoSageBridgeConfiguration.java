package fr.relais.demo.bridge;

import fr.relais.customer.write.SageBridgeApiKey;
import fr.relais.sage.SageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Demo mode (simulated Sage, no bridge URL configured): the simulated Sage bridge served by the hub under
 * {@code /demo/sage-bridge/v1/...}. Its requests skip the hub's login (and CSRF, it is an API): the bridge checks
 * its own API key. It writes into the simulated Sage database through a connection of its own (the
 * {@code sageDataSource} pool of the hub stays read-only).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(DemoSageBridgeConfiguration.ENABLED)
public class DemoSageBridgeConfiguration {

    /** Simulated Sage, Sage writer in bridge mode, no bridge URL configured. */
    public static final String ENABLED = "${relais.sage.simulated:false} and '${relais.sage.writer.mode:bridge}'.equalsIgnoreCase('bridge')"
            + " and '${relais.sage.writer.bridge.base-url:}' == ''";

    @Bean
    SimulatedSageBridge simulatedSageBridge(SageProperties sage, SageBridgeApiKey apiKey) {
        if (!sage.getUrl().startsWith("jdbc:h2:")) {
            throw new IllegalStateException("the simulated Sage bridge only writes into a simulated (H2) Sage database");
        }
        return new SimulatedSageBridge(new DriverManagerDataSource(sage.getUrl(), sage.getUsername(), sage.getPassword()), apiKey);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain sageBridgeSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(SageBridgeController.ROOT + "/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .build();
    }
}
