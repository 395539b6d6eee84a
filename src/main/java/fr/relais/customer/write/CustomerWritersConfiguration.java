package fr.relais.customer.write;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.erp.ConnectorDataSource;
import fr.relais.erp.ErpProperties;
import fr.relais.platform.SettingException;
import fr.relais.sage.SageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The customer writers: exactly one {@link SageWriter} ({@code relais.sage.writer.mode} = bridge | import-file),
 * one {@link ErpWriter} ({@code relais.erp.writer.mode} = import-file | staging-table), the account number
 * allocator {@link AccountNumbers} and the {@link Shortener}. Settings: connectors/sage-writer.yaml and
 * connectors/erp-writer.yaml.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SageWriterProperties.class, ErpWriterProperties.class})
public class CustomerWritersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CustomerWritersConfiguration.class);

    /** The documented lengths of the simulated ERP's customer columns, the fallback of the ERP writers. */
    static final Map<String, Integer> ERP_DOCUMENTED_LENGTHS = Map.of("name", 100, "address1", 100, "address2", 100,
            "postcode", 10, "city", 60, "country", 35, "phone", 25, "mobile", 25, "email", 100, "siret", 20);

    @Bean
    public Shortener customerShortener() {
        return Shortener.french();
    }

    @Bean
    public SageBridgeApiKey sageBridgeApiKey(SageWriterProperties properties, SageProperties sage) {
        SageBridgeApiKey key = SageBridgeApiKey.from(properties.getBridge().getApiKey(), simulatedBridge(properties, sage));
        if (key.generated()) {
            log.info("Sage bridge: demo mode, the simulated bridge in the hub uses an API key generated at this start");
        }
        return key;
    }

    @Bean
    public AccountNumbers accountNumbers(SageWriterProperties properties, DataSource dataSource,
                                         @Qualifier("sageDataSource") ObjectProvider<DataSource> sageDataSource) {
        return new AccountNumbers(properties.getAccountNumber().toRule(), dataSource, sageDataSource.getObject(),
                Clock.systemDefaultZone());
    }

    @Bean
    public SageWriter sageWriter(SageWriterProperties properties, SageProperties sage, SageBridgeApiKey apiKey,
                                 Shortener customerShortener, Environment environment,
                                 @Qualifier("sageDataSource") ObjectProvider<DataSource> sageDataSource) {
        Supplier<ColumnLengths> lengths = ColumnLengths.cached(() ->
                ColumnLengths.read(sageDataSource.getObject(), SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS));
        if (properties.getMode() == SageWriterProperties.Mode.IMPORT_FILE) {
            var f = properties.getImportFile();
            var layout = sageImportLayout(f);
            log.info("Sage writer: import files in {} ({} format, {})", f.getFolder(), f.getFormat(), f.getCharset());
            return new SageImportFileWriter(new ImportFiles(Path.of(f.getFolder()), f.getFilePrefix(), f.getExtension(),
                    Clock.systemDefaultZone()), layout, customerShortener, lengths);
        }
        var b = properties.getBridge();
        boolean simulated = simulatedBridge(properties, sage);
        if (!simulated) {
            checkBridgeSettings(b);
        }
        Supplier<String> baseUrl = simulated
                ? () -> "http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8080")) + "/demo/sage-bridge"
                : b::getBaseUrl;
        if (!simulated && b.getBaseUrl().isBlank()) {
            log.warn("Sage writer: relais.sage.writer.bridge.base-url is not set; every Sage write will answer UNAVAILABLE");
        } else {
            log.info("Sage writer: HTTP bridge at {}", simulated ? "the hub's simulated bridge (/demo/sage-bridge)" : b.getBaseUrl());
        }
        return new SageBridgeWriter(new SageBridgeWriter.Settings(baseUrl, apiKey::value, b.getConnectTimeout(),
                b.getRequestTimeout(), b.getMaxAttempts(), b.getRetryDelay()), customerShortener, lengths);
    }

    @Bean
    public ErpWriter erpWriter(ErpWriterProperties properties, ErpProperties erp, Shortener customerShortener,
                               @Qualifier("erpDataSource") ObjectProvider<DataSource> erpDataSource) {
        if (properties.getMode() == ErpWriterProperties.Mode.STAGING_TABLE) {
            var t = properties.getStagingTable();
            ErpLayout layout = ErpLayout.parse(t.getColumns());
            boolean ownUrl = t.getUrl() != null && !t.getUrl().isBlank();
            if (erp.isSimulated() && !ownUrl) {
                erpDataSource.getObject(); // the simulated ERP is prepared with its pool: before the staging table
            }
            HikariDataSource writable = ConnectorDataSource.create("erp-writer", ownUrl ? t.getUrl() : erp.getUrl(),
                    ownUrl ? t.getUsername() : erp.getUsername(), ownUrl ? t.getPassword() : erp.getPassword(),
                    false, t.getPoolSize(), erp.getConnectTimeout());
            if (erp.isSimulated() && !ownUrl) {
                try {
                    ErpStagingTableWriter.createStagingTable(writable, t.getTable(), layout);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create the simulated ERP staging table " + t.getTable() + ": " + e.getMessage(), e);
                }
            }
            log.info("ERP writer: staging table {}", t.getTable());
            return new ClosingErpWriter(new ErpStagingTableWriter(writable, t.getTable(), layout, customerShortener,
                    ColumnLengths.cached(() -> withFallback(ColumnLengths.read(writable, t.getTable(), Map.of()), layout)),
                    Clock.systemDefaultZone()), writable);
        }
        var f = properties.getImportFile();
        ErpLayout layout = ErpLayout.parse(f.getColumns());
        Supplier<ColumnLengths> lengths = ColumnLengths.cached(() -> erpCustomerLengths(erpDataSource.getObject(), erp, layout));
        log.info("ERP writer: import files in {}", f.getFolder());
        return new ErpImportFileWriter(new ImportFiles(Path.of(f.getFolder()), f.getFilePrefix(), f.getExtension(),
                Clock.systemDefaultZone()), layout, f.getSeparator().charAt(0), f.isHeader(), Charset.forName(f.getCharset()),
                customerShortener, lengths, Clock.systemDefaultZone());
    }

    /**
     * A configured bridge must be reached over HTTPS (plain HTTP only on loopback) and with an API key from the
     * environment: otherwise the start stops, naming the setting.
     */
    static void checkBridgeSettings(SageWriterProperties.Bridge bridge) {
        String url = bridge.getBaseUrl();
        if (url == null || url.isBlank()) {
            return; // not configured: every Sage write answers UNAVAILABLE (logged at start)
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new SettingException("relais.sage.writer.bridge.base-url", "'" + url + "' is not a URL",
                    "the bridge's root URL, e.g. https://sage01.example.local:8443/sage-bridge");
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && loopback)) {
            throw new SettingException("relais.sage.writer.bridge.base-url", "'" + url + "' is not an https URL",
                    "https://... (plain http only to localhost)");
        }
        if (bridge.getApiKey() == null || bridge.getApiKey().isBlank()) {
            throw new SettingException("relais.sage.writer.bridge.api-key", "is required with a bridge URL",
                    "the bridge's API key, from the environment only");
        }
    }

    /** The Sage import layout of the settings. */
    public static SageImportFileWriter.Layout sageImportLayout(SageWriterProperties.ImportFile f) {
        return new SageImportFileWriter.Layout(f.getFormat(), f.getSeparator(), f.isHeader(),
                Charset.forName(f.getCharset()), f.getLineEnd().equals("CRLF") ? "\r\n" : "\n",
                Stream.of(f.getColumns().split(",")).filter(s -> !s.isBlank()).map(SageImportFileWriter.Column::parse).toList());
    }

    static boolean simulatedBridge(SageWriterProperties properties, SageProperties sage) {
        return sage.isSimulated() && properties.getMode() == SageWriterProperties.Mode.BRIDGE
                && properties.getBridge().getBaseUrl().isBlank();
    }

    /** The lengths of the layout's columns, taken from the ERP's customer table (catalogue, else documented). */
    static ColumnLengths erpCustomerLengths(DataSource erpDataSource, ErpProperties erp, ErpLayout layout) {
        var c = erp.getColumns().getCustomer();
        Map<String, String> fieldToColumn = Map.of("name", c.getName(), "address1", c.getAddress1(), "address2",
                c.getAddress2(), "postcode", c.getPostcode(), "city", c.getCity(), "phone", c.getPhone(),
                "mobile", c.getMobile(), "email", c.getEmail(), "siret", c.getSiret());
        Map<String, Integer> documented = new LinkedHashMap<>();
        fieldToColumn.forEach((field, column) -> documented.put(column, ERP_DOCUMENTED_LENGTHS.get(field)));
        ColumnLengths table = ColumnLengths.read(erpDataSource, erp.getTables().getCustomers(), documented);
        Map<String, Integer> byLayoutColumn = new LinkedHashMap<>();
        for (ErpLayout.Column column : layout.columns()) {
            String erpColumn = fieldToColumn.get(column.source());
            Integer length = erpColumn == null ? ERP_DOCUMENTED_LENGTHS.get(column.source()) : table.of(erpColumn);
            if (length != null) {
                byLayoutColumn.put(column.name(), length);
            }
        }
        return new ColumnLengths(byLayoutColumn, table.fromCatalogue());
    }

    private static ColumnLengths withFallback(ColumnLengths read, ErpLayout layout) {
        Map<String, Integer> merged = new LinkedHashMap<>();
        for (ErpLayout.Column column : layout.columns()) {
            Integer length = read.of(column.name());
            if (length == null && !read.fromCatalogue()) {
                length = ERP_DOCUMENTED_LENGTHS.get(column.source());
            }
            if (length != null) {
                merged.put(column.name(), length);
            }
        }
        return new ColumnLengths(merged, read.fromCatalogue());
    }

    /** The staging-table writer with its own pool, closed with the context. */
    static final class ClosingErpWriter implements ErpWriter, AutoCloseable {
        private final ErpWriter delegate;
        private final HikariDataSource dataSource;

        ClosingErpWriter(ErpWriter delegate, HikariDataSource dataSource) {
            this.delegate = delegate;
            this.dataSource = dataSource;
        }

        @Override
        public WriteOutcome write(CustomerWrite write) {
            return delegate.write(write);
        }

        @Override
        public void close() {
            dataSource.close();
        }

        ErpWriter delegate() {
            return delegate;
        }
    }
}
