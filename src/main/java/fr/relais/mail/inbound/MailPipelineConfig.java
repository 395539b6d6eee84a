package fr.relais.mail.inbound;

import fr.relais.mail.classify.ClassificationRules;
import fr.relais.mail.classify.MailClassifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mail classifier as a bean: trained at start on the corpus shipped in the jar (a few seconds). */
@Configuration(proxyBeanMethods = false)
public class MailPipelineConfig {

    @Bean
    @ConditionalOnMissingBean
    MailClassifier mailClassifier() {
        return MailClassifier.fromCorpus(null, ClassificationRules.load());
    }
}
