package fr.relais.customer.write;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the Sage customer writer ({@code relais.sage.writer.*}), documented in
 * {@code connectors/sage-writer.yaml}; the defaults here are the same as in that file.
 */
@Validated
@ConfigurationProperties("relais.sage.writer")
public class SageWriterProperties {

    public enum Mode { BRIDGE, IMPORT_FILE }

    @NotNull
    private Mode mode = Mode.BRIDGE;

    private final Bridge bridge = new Bridge();
    private final ImportFile importFile = new ImportFile();
    private final AccountNumber accountNumber = new AccountNumber();

    public static class Bridge {
        /** Root URL of the bridge; empty = the simulated bridge served by the hub itself (demo mode only). */
        private String baseUrl = "";
        /** API key, from the environment only; empty in demo mode = a key generated at each start. */
        private String apiKey = "";
        @NotNull private Duration connectTimeout = Duration.ofSeconds(2);
        @NotNull private Duration requestTimeout = Duration.ofSeconds(10);
        @Min(1) @Max(5) private int maxAttempts = 3;
        @NotNull private Duration retryDelay = Duration.ofMillis(500);

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getRequestTimeout() { return requestTimeout; }
        public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getRetryDelay() { return retryDelay; }
        public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }

        @Override
        public String toString() {
            return "Bridge[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "" : "******") + "]";
        }
    }

    public static class ImportFile {
        @NotNull private String folder = "./data/sage-import";
        @NotNull private SageImportFileWriter.Format format = SageImportFileWriter.Format.DELIMITED;
        @NotNull private String separator = ";";
        private boolean header = false;
        @NotNull private String charset = "windows-1252";
        @NotNull @Pattern(regexp = "CRLF|LF") private String lineEnd = "CRLF";
        @NotNull private String columns = "CT_Num,CT_Intitule,CT_Type,CT_Adresse,CT_Complement,CT_CodePostal,CT_Ville,"
                + "CT_Pays,CT_Telephone,CT_EMail,CT_Siret";
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,40}") private String filePrefix = "relais-clients";
        @NotNull @Pattern(regexp = "[A-Za-z0-9]{1,10}") private String extension = "txt";

        public String getFolder() { return folder; }
        public void setFolder(String folder) { this.folder = folder; }
        public SageImportFileWriter.Format getFormat() { return format; }
        public void setFormat(SageImportFileWriter.Format format) { this.format = format; }
        public String getSeparator() { return separator; }
        public void setSeparator(String separator) { this.separator = separator; }
        public boolean isHeader() { return header; }
        public void setHeader(boolean header) { this.header = header; }
        public String getCharset() { return charset; }
        public void setCharset(String charset) { this.charset = charset; }
        public String getLineEnd() { return lineEnd; }
        public void setLineEnd(String lineEnd) { this.lineEnd = lineEnd; }
        public String getColumns() { return columns; }
        public void setColumns(String columns) { this.columns = columns; }
        public String getFilePrefix() { return filePrefix; }
        public void setFilePrefix(String filePrefix) { this.filePrefix = filePrefix; }
        public String getExtension() { return extension; }
        public void setExtension(String extension) { this.extension = extension; }
    }

    public static class AccountNumber {
        @NotNull private AccountNumbers.Rule.Kind rule = AccountNumbers.Rule.Kind.NAME;
        @NotNull @Pattern(regexp = "[A-Z0-9]{0,8}") private String prefix = "C";
        @Min(1) @Max(16) private int nameLetters = 6;
        @Min(1) @Max(4) private int counterDigits = 2;
        @Min(1) @Max(16) private int sequenceDigits = 6;
        @NotNull private String ignoredWords = "M,MR,MME,MLLE,MONSIEUR,MADAME,MADEMOISELLE,SARL,SAS,SASU,SA,EURL,SCI,STE,SOCIETE,ETS";

        public AccountNumbers.Rule.Kind getRule() { return rule; }
        public void setRule(AccountNumbers.Rule.Kind rule) { this.rule = rule; }
        public String getPrefix() { return prefix; }
        public void setPrefix(String prefix) { this.prefix = prefix; }
        public int getNameLetters() { return nameLetters; }
        public void setNameLetters(int nameLetters) { this.nameLetters = nameLetters; }
        public int getCounterDigits() { return counterDigits; }
        public void setCounterDigits(int counterDigits) { this.counterDigits = counterDigits; }
        public int getSequenceDigits() { return sequenceDigits; }
        public void setSequenceDigits(int sequenceDigits) { this.sequenceDigits = sequenceDigits; }
        public String getIgnoredWords() { return ignoredWords; }
        public void setIgnoredWords(String ignoredWords) { this.ignoredWords = ignoredWords; }

        public AccountNumbers.Rule toRule() {
            return new AccountNumbers.Rule(rule, prefix, nameLetters, counterDigits, sequenceDigits,
                    java.util.Set.of(ignoredWords.split("\\s*,\\s*")));
        }
    }

    public Mode getMode() { return mode; }
    public void setMode(Mode mode) { this.mode = mode; }
    public Bridge getBridge() { return bridge; }
    public ImportFile getImportFile() { return importFile; }
    public AccountNumber getAccountNumber() { return accountNumber; }
}
