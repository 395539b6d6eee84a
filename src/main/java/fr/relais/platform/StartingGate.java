package fr.relais.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The web server opens before Camel has started its routes. A request served in that window (a health probe
 * from an orchestrator, a monitoring poll) would call into Camel while it is starting — Camel's health check
 * then loads the route configurations a second time and the start fails. Until the hub is ready every request
 * gets 503 with Retry-After.
 */
@Configuration(proxyBeanMethods = false)
public class StartingGate {

    private final Gate gate = new Gate();

    @Bean
    FilterRegistrationBean<Gate> startingGateFilter() {
        FilterRegistrationBean<Gate> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        gate.ready = true;
    }

    static final class Gate extends OncePerRequestFilter {
        private volatile boolean ready;

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (ready) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":\"STARTING\"}");
        }
    }
}
