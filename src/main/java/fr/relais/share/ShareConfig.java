package fr.relais.share;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ShareConfig {

    @Bean
    Share share(ShareProperties properties) {
        return new Share(properties);
    }

    /** {@code share} in /actuator/health: the root folder exists and a file can be written in it. */
    @Bean
    HealthIndicator shareHealthIndicator(Share share) {
        return new AbstractHealthIndicator("share health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                builder.withDetail("root", share.root().toString());
                share.checkWritable();
                builder.up();
            }
        };
    }
}
