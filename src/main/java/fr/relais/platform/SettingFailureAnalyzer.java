package fr.relais.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link SettingException} into a short start failure report instead of a stack trace. */
public class SettingFailureAnalyzer extends AbstractFailureAnalyzer<SettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingException cause) {
        return new FailureAnalysis("Relais cannot start: " + cause.getMessage(),
                "Set " + cause.setting() + " (environment variable " + SettingException.environmentVariable(cause.setting())
                        + ") to " + cause.expected() + ", in the environment or in an external application.yml "
                        + "(--spring.config.additional-location=file:/etc/relais/application.yml). "
                        + "The README's configuration reference lists every setting.", cause);
    }
}
