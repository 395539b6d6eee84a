package fr.relais.platform.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The account that opens Hawtio, Jolokia, the REST API and the protected actuator endpoints.
 *
 * @param adminUser     {@code RELAIS_SECURITY_ADMIN_USER}
 * @param adminPassword {@code RELAIS_SECURITY_ADMIN_PASSWORD}; empty: generated at start in demo mode,
 *                      refused outside demo mode
 * @param enabled       {@code RELAIS_SECURITY_ENABLED}; only tests turn it off
 */
@Validated
@ConfigurationProperties("relais.security")
public record SecurityProperties(@NotBlank String adminUser, String adminPassword, boolean enabled) {
}
