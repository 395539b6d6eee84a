package fr.relais.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

    @Bean
    FlakyService flakyService() {
        return new FlakyService();
    }
}
