package fr.relais.share;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The network share connector's settings: see connectors/share.yaml. */
@Validated
@ConfigurationProperties("relais.share")
public record ShareProperties(@NotBlank String root, boolean create) {
}
