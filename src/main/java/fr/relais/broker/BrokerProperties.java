package fr.relais.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The broker connector's settings: see connectors/broker.yaml. */
@Validated
@ConfigurationProperties("relais.broker")
public record BrokerProperties(
        @Pattern(regexp = "embedded|native", message = "must be 'embedded' (in the hub) or 'native' (an external Artemis)")
        String mode,
        String url,
        String user,
        String password,
        @NotBlank String journalDir,
        @Min(0) @Max(65535) int acceptorPort,
        @NotBlank String deadLetterQueue,
        @Min(0) @Max(100) int maxRedeliveries,
        @Min(0) long redeliveryDelay) {

    public boolean embedded() {
        return "embedded".equals(mode);
    }
}
