package fr.relais.customer.write;

import fr.relais.erp.SqlName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ERP customer writer ({@code relais.erp.writer.*}), documented in
 * {@code connectors/erp-writer.yaml}; the defaults here are the same as in that file.
 */
@Validated
@ConfigurationProperties("relais.erp.writer")
public class ErpWriterProperties {

    public enum Mode { IMPORT_FILE, STAGING_TABLE }

    public static final String DEFAULT_FILE_COLUMNS = "OPERATION:@operation,CLI_CODE:@targetId,CLI_NOM:name,"
            + "CLI_ADRESSE1:address1,CLI_ADRESSE2:address2,CLI_CP:postcode,CLI_VILLE:city,CLI_PAYS:country,"
            + "CLI_TEL:phone,CLI_PORTABLE:mobile,CLI_EMAIL:email,CLI_SIRET:siret,RELAIS_REF:@correlationId";

    public static final String DEFAULT_TABLE_COLUMNS = "OPERATION:@operation,CLI_CODE:@targetId,CLI_NOM:name,"
            + "CLI_ADRESSE1:address1,CLI_ADRESSE2:address2,CLI_CP:postcode,CLI_VILLE:city,CLI_PAYS:country,"
            + "CLI_TEL:phone,CLI_PORTABLE:mobile,CLI_EMAIL:email,CLI_SIRET:siret,RELAIS_REF:@correlationId,"
            + "DATE_DEMANDE:@writtenAt";

    @NotNull
    private Mode mode = Mode.IMPORT_FILE;

    private final ImportFile importFile = new ImportFile();
    private final StagingTable stagingTable = new StagingTable();

    public static class ImportFile {
        @NotNull private String folder = "./data/erp-import";
        @NotNull @Pattern(regexp = ".") private String separator = ";";
        private boolean header = true;
        @NotNull private String charset = "windows-1252";
        @NotNull private String columns = DEFAULT_FILE_COLUMNS;
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,40}") private String filePrefix = "relais-clients";
        @NotNull @Pattern(regexp = "[A-Za-z0-9]{1,10}") private String extension = "csv";

        public String getFolder() { return folder; }
        public void setFolder(String folder) { this.folder = folder; }
        public String getSeparator() { return separator; }
        public void setSeparator(String separator) { this.separator = separator; }
        public boolean isHeader() { return header; }
        public void setHeader(boolean header) { this.header = header; }
        public String getCharset() { return charset; }
        public void setCharset(String charset) { this.charset = charset; }
        public String getColumns() { return columns; }
        public void setColumns(String columns) { this.columns = columns; }
        public String getFilePrefix() { return filePrefix; }
        public void setFilePrefix(String filePrefix) { this.filePrefix = filePrefix; }
        public String getExtension() { return extension; }
        public void setExtension(String extension) { this.extension = extension; }
    }

    public static class StagingTable {
        /** JDBC URL of a login allowed to insert into the staging table; empty = relais.erp.url. */
        private String url = "";
        private String username = "";
        private String password = "";
        @SqlName private String table = "RELAIS_CLIENT_IMPORT";
        @NotNull private String columns = DEFAULT_TABLE_COLUMNS;
        @Min(1) @Max(10) private int poolSize = 2;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getTable() { return table; }
        public void setTable(String table) { this.table = table; }
        public String getColumns() { return columns; }
        public void setColumns(String columns) { this.columns = columns; }
        public int getPoolSize() { return poolSize; }
        public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    }

    public Mode getMode() { return mode; }
    public void setMode(Mode mode) { this.mode = mode; }
    public ImportFile getImportFile() { return importFile; }
    public StagingTable getStagingTable() { return stagingTable; }
}
