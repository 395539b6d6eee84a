package io.hawt.springboot.security;

import io.hawt.web.auth.AuthenticationConfiguration;
import io.hawt.web.auth.RolePrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.spi.LoginModule;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Relais: the Hawtio 5.2.0 jar published on Maven Central lacks this class, which Hawtio's Spring Boot
 * listener looks up by name to turn on its Spring Security bridge ({@code SpringSecurityJAASConfiguration}).
 * Without it Hawtio falls back to an empty JAAS realm and refuses every login with 403. This module runs after
 * Spring's {@code SecurityContextLoginModule} and turns the authorities of the Spring {@link Authentication}
 * into Hawtio role principals ({@code ROLE_admin} becomes the role {@code admin}). Remove it once the
 * published jar ships its own.
 */
public class HawtioSpringSecurityLoginModule implements LoginModule {

    private Subject subject;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        Object config = options.get(AuthenticationConfiguration.class.getName());
        if (config != null && !(config instanceof AuthenticationConfiguration)) {
            throw new IllegalArgumentException("unexpected Hawtio authentication configuration: " + config);
        }
    }

    @Override
    public boolean login() {
        return true;
    }

    @Override
    public boolean commit() {
        for (Authentication authentication : subject.getPrincipals(Authentication.class)) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String role = authority.getAuthority();
                if (role == null) {
                    continue;
                }
                Principal principal = new RolePrincipal(role.startsWith("ROLE_") ? role.substring(5) : role);
                added.add(principal);
                subject.getPrincipals().add(principal);
            }
        }
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(added);
        added.clear();
        return true;
    }
}
