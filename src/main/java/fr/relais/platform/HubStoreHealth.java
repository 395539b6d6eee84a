package fr.relais.platform;

import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
public class HubStoreHealth {

    /** {@code hubDatabase} in /actuator/health: the hub's own store answers a query. */
    @Bean
    DataSourceHealthIndicator hubDatabaseHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource, "SELECT 1");
    }
}
