package fr.relais.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The mail connector's settings: see connectors/mail.yaml. */
@Validated
@ConfigurationProperties("relais.mail")
public record MailProperties(
        boolean embedded,
        @NotBlank String host,
        @Min(1) @Max(65535) int imapPort,
        @Min(1) @Max(65535) int smtpPort,
        boolean secure,
        @NotBlank @Email String serviceAddress,
        @NotBlank String username,
        String password,
        @NotBlank @Email String assistantAddress,
        @Min(100) int connectTimeout) {
}
