package fr.relais.platform;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Top-level settings of the hub.
 *
 * @param demo    demo mode: embedded servers and demo data ({@code RELAIS_DEMO}, default true)
 * @param dataDir folder of the embedded state: H2 files, Artemis journal, demo share ({@code RELAIS_DATA_DIR})
 */
@Validated
@ConfigurationProperties("relais")
public record RelaisProperties(boolean demo, @NotBlank String dataDir) {
}
