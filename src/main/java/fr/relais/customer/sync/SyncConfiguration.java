package fr.relais.customer.sync;

import fr.relais.customer.match.CustomerMatcher;
import fr.relais.customer.write.AccountNumbers;
import fr.relais.customer.write.ErpWriter;
import fr.relais.customer.write.SageWriter;
import fr.relais.platform.SettingException;
import fr.relais.store.AuditLog;
import fr.relais.store.ReviewDecisions;
import fr.relais.ticket.TicketService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The customer sync's beans (settings: connectors/sync.yaml). The routes call {@code customerSync}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
public class SyncConfiguration {

    @Bean
    public SyncTexts syncTexts() {
        return new SyncTexts();
    }

    @Bean
    public SyncStore syncStore(DataSource dataSource) {
        return new SyncStore(dataSource, Clock.systemUTC());
    }

    @Bean
    public SourceReader erpCustomerReader(SyncProperties properties,
                                          @Qualifier("erpDataSource") DataSource erpDataSource) {
        return new SourceReader(erpDataSource, mapping(SyncSystem.ERP, properties.getErpMapping(), "relais.sync.erp-mapping"));
    }

    @Bean
    public SourceReader sageCustomerReader(SyncProperties properties,
                                           @Qualifier("sageDataSource") DataSource sageDataSource) {
        return new SourceReader(sageDataSource, mapping(SyncSystem.SAGE, properties.getSageMapping(), "relais.sync.sage-mapping"));
    }

    @Bean
    public CustomerSync customerSync(SyncProperties properties, DataSource dataSource, SyncStore syncStore,
                                     SourceReader erpCustomerReader, SourceReader sageCustomerReader,
                                     TicketService tickets, SyncTexts syncTexts, ErpWriter erpWriter,
                                     SageWriter sageWriter, AccountNumbers accountNumbers, AuditLog auditLog,
                                     ReviewDecisions reviewDecisions) {
        return new CustomerSync(properties.toSettings(),
                Map.of(SyncSystem.ERP, erpCustomerReader, SyncSystem.SAGE, sageCustomerReader), syncStore,
                new CustomerRegistry(CustomerMatcher.withDefaults(), syncStore), tickets, syncTexts,
                Map.of(SyncSystem.ERP, erpWriter, SyncSystem.SAGE, sageWriter), accountNumbers, auditLog,
                reviewDecisions, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.systemUTC());
    }

    @Bean
    public DryRun syncDryRun(SourceReader erpCustomerReader, SourceReader sageCustomerReader,
                             ReviewDecisions reviewDecisions, SyncTexts syncTexts) {
        return new DryRun(erpCustomerReader, sageCustomerReader, CustomerMatcher.withDefaults(), reviewDecisions, syncTexts);
    }

    static CustomerMapping mapping(SyncSystem system, String file, String setting) {
        if (file == null || file.isBlank()) {
            return CustomerMapping.defaults(system);
        }
        try {
            CustomerMapping m = CustomerMapping.load(Path.of(file));
            if (m.system() != system) {
                throw new SettingException(setting, "'" + file + "' maps " + m.system(), "a mapping file with system: " + system);
            }
            return m;
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingException(setting, "'" + file + "' cannot be read: " + e.getMessage(),
                    "a mapping file like mappings/" + (system == SyncSystem.ERP ? "erp" : "sage") + "-customer.yaml");
        }
    }
}
