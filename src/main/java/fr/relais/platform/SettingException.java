package fr.relais.platform;

/**
 * A setting that is missing or wrong: the start stops and the log names the setting, its environment
 * variable, and what is expected (see {@link SettingFailureAnalyzer}).
 */
public class SettingException extends RuntimeException {

    private final String setting;
    private final String expected;

    public SettingException(String setting, String problem, String expected) {
        super(setting + " (" + environmentVariable(setting) + "): " + problem + "; expected: " + expected);
        this.setting = setting;
        this.expected = expected;
    }

    public String setting() {
        return setting;
    }

    public String expected() {
        return expected;
    }

    /** relais.share.root → RELAIS_SHARE_ROOT, as Spring's relaxed binding reads it. */
    public static String environmentVariable(String setting) {
        return setting.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
