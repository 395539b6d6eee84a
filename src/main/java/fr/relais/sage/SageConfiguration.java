package fr.relais.sage;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.erp.ConnectorDataSource;
import fr.relais.erp.DatabaseHealthIndicator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Sage 100 connector: its read-only connection pool {@code sageDataSource} and its health ({@code sage}
 * in {@code /actuator/health}). Inject the pool with {@code @Qualifier("sageDataSource")}; it is not a
 * default candidate, so the hub's own DataSource is unaffected. Sage is only read through SQL: writes go
 * through Sage's own API (see the customer sync).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SageProperties.class)
public class SageConfiguration {

    @Bean(defaultCandidate = false, destroyMethod = "close")
    @Qualifier("sageDataSource")
    public HikariDataSource sageDataSource(SageProperties properties) {
        return ConnectorDataSource.create("sage", properties.getUrl(), properties.getUsername(),
                properties.getPassword(), properties.isReadOnly(), properties.getPoolSize(),
                properties.getConnectTimeout());
    }

    @Bean
    public HealthIndicator sageHealthIndicator(@Qualifier("sageDataSource") HikariDataSource sageDataSource,
                                               SageProperties properties) {
        return new DatabaseHealthIndicator("Sage", sageDataSource, properties.getUrl(),
                properties.isReadOnly(), properties.getConnectTimeout());
    }
}
