package fr.relais.mail.intake;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The bean as Spring builds it: limits bound from relais.mail.intake.*, defaults when unset. */
class IntakeLimitsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntakeLimits.class)
    @Import(MimeMailIntake.class)
    static class Wiring {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void defaultsWhenNothingIsSet() {
        runner.run(context -> {
            MimeMailIntake intake = context.getBean(MimeMailIntake.class);
            assertThat(intake.limits()).isEqualTo(IntakeLimits.defaults());
            assertThat(context.getBean(MailIntake.class)).isSameAs(intake);
        });
    }

    @Test
    void settingsAreBound() {
        runner.withPropertyValues("relais.mail.intake.max-parts=50", "relais.mail.intake.time-budget=2s",
                "relais.mail.intake.max-attachment-bytes=1000").run(context -> {
            IntakeLimits limits = context.getBean(MimeMailIntake.class).limits();
            assertThat(limits.maxParts()).isEqualTo(50);
            assertThat(limits.timeBudget()).isEqualTo(Duration.ofSeconds(2));
            assertThat(limits.maxAttachmentBytes()).isEqualTo(1000);
            assertThat(limits.maxDepth()).isEqualTo(IntakeLimits.defaults().maxDepth());
        });
    }
}
