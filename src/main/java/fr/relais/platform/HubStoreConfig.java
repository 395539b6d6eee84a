package fr.relais.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The hub's own store is the primary DataSource (Flyway, transactions, JdbcTemplate use it); the ERP and
 * Sage connectors declare DataSources of their own beside it.
 */
@Configuration(proxyBeanMethods = false)
public class HubStoreConfig {

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    public DataSourceProperties hubDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(DataSourceProperties hubDataSourceProperties) {
        return hubDataSourceProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
