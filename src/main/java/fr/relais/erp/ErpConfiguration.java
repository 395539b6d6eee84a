package fr.relais.erp;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MDE ERP connector: its read-only connection pool {@code erpDataSource} and its health ({@code erp}
 * in {@code /actuator/health}).
 * <p>
 * The pool is not a default candidate for injection: the hub's own DataSource stays the one Spring Boot
 * auto-configures (or the lead's {@code @Primary} one); inject this one with {@code @Qualifier("erpDataSource")}
 * or, in a Camel endpoint, {@code dataSource=#erpDataSource}.
 * <p>
 * When {@code relais.erp.simulated=true} (demo mode, H2 only), the demo code ({@code fr.relais.demo}) creates
 * the simulated schema and seeds it when empty, before the pool is used. This class never creates anything.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ErpProperties.class)
public class ErpConfiguration {

    @Bean(defaultCandidate = false, destroyMethod = "close")
    @Qualifier("erpDataSource")
    public HikariDataSource erpDataSource(ErpProperties properties) {
        return ConnectorDataSource.create("erp", properties.getUrl(), properties.getUsername(),
                properties.getPassword(), properties.isReadOnly(), properties.getPoolSize(),
                properties.getConnectTimeout());
    }

    @Bean
    public HealthIndicator erpHealthIndicator(@Qualifier("erpDataSource") HikariDataSource erpDataSource,
                                              ErpProperties properties) {
        return new DatabaseHealthIndicator("ERP", erpDataSource, properties.getUrl(),
                properties.isReadOnly(), properties.getConnectTimeout());
    }
}
