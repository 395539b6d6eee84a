package fr.relais.demo;

import fr.relais.erp.ErpProperties;
import fr.relais.sage.SageProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Demo mode of the ERP and Sage connectors: when {@code relais.erp.simulated} / {@code relais.sage.simulated}
 * is true, the simulated database is created and seeded (if empty) as soon as its pool bean exists, before any
 * other bean can use it. The connectors themselves ({@code fr.relais.erp}, {@code fr.relais.sage}) know nothing
 * of this: the production path never creates anything.
 */
@Configuration(proxyBeanMethods = false)
public class DemoDatabasesConfiguration {

    @Bean
    static BeanPostProcessor simulatedDatabasesPreparer(ObjectProvider<ErpProperties> erp,
                                                         ObjectProvider<SageProperties> sage) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (beanName.equals("erpDataSource")) {
                    ErpProperties properties = erp.getObject();
                    if (properties.isSimulated()) {
                        SimulatedErp.prepare(properties);
                    }
                } else if (beanName.equals("sageDataSource")) {
                    SageProperties properties = sage.getObject();
                    if (properties.isSimulated()) {
                        SimulatedSage.prepare(properties);
                    }
                }
                return bean;
            }
        };
    }
}
