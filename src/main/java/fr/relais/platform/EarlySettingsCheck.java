package fr.relais.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Set;

/**
 * Checks the settings that choose a mode before anything is built from them, so that a wrong value is
 * reported under the name the user set (relais.broker.mode) rather than deep in a library's binding.
 */
public class EarlySettingsCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        oneOf(environment, "relais.broker.mode", Set.of("embedded", "native"),
                "'embedded' (in the hub) or 'native' (an external Artemis at relais.broker.url)");
        oneOf(environment, "relais.mail.transport", Set.of("imap", "graph"),
                "'imap' (IMAP/SMTP, connectors/mail.yaml) or 'graph' (Microsoft Graph, connectors/outlook.yaml)");
        oneOf(environment, "relais.demo", Set.of("true", "false"), "true or false");
    }

    private static void oneOf(ConfigurableEnvironment environment, String setting, Set<String> allowed, String expected) {
        String value = environment.getProperty(setting);
        if (value != null && !allowed.contains(value.trim())) {
            throw new SettingException(setting, "'" + value + "' is not a valid value", expected);
        }
    }
}
