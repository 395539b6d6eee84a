package fr.relais.platform;

import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class SecurityTest extends HubTestSupport {

    @Test
    void nothingButHealthAnswersAnonymously() {
        Http anonymous = Http.anonymous();
        for (String path : new String[] {"/actuator/jolokia/list", "/actuator/hawtio/jolokia/list", "/api/tickets",
                "/api/dead-letters", "/actuator/prometheus", "/actuator/env", "/actuator/heapdump", "/actuator/loggers"}) {
            HttpResponse<String> response = anonymous.get(url(path));
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        }
        HttpResponse<String> health = anonymous.get(url("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("details");
    }

    @Test
    void aBrowserIsSentToTheLoginForm() {
        HttpResponse<String> page = Http.anonymous().get(url("/actuator/hawtio/"), "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void wrongCredentialsAreRefused() {
        assertThat(Http.basic(ADMIN, "not-the-password").get(url("/actuator/jolokia/version")).statusCode()).isEqualTo(401);
    }

    @Test
    void jolokiaListsTheCamelRoutesWithCredentials() {
        HttpResponse<String> routes = Http.basic(ADMIN, PASSWORD)
                .get(url("/actuator/jolokia/search/org.apache.camel:context=relais,type=routes,*"));
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("name=\\\"test-flaky\\\"").contains("name=\\\"tickets-inbound\\\"");
        HttpResponse<String> deadLetters = Http.basic(ADMIN, PASSWORD).get(url("/actuator/jolokia/search/relais:type=DeadLetters"));
        assertThat(deadLetters.body()).contains("\"value\":[\"relais:type=DeadLetters\"]");
    }

    /** The way IT uses Hawtio: log in with the form, load Hawtio, and let its page call Jolokia with the CSRF cookie. */
    @Test
    void hawtioWorksInABrowserSessionWithItsCsrfCookie() {
        Http browser = Http.browser();
        HttpResponse<String> loginPage = browser.get(url("/login"), "Accept", "text/html");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> login = browser.post(url("/login"), "application/x-www-form-urlencoded",
                "username=" + ADMIN + "&password=" + URLEncoder.encode(PASSWORD, UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), UTF_8),
                "Accept", "text/html");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> hawtio = browser.get(url("/actuator/hawtio/"), "Accept", "text/html");
        assertThat(hawtio.statusCode()).isEqualTo(200);
        assertThat(hawtio.body()).containsIgnoringCase("hawtio");

        String read = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=relais,type=context,name=\\\"relais\\\"\",\"attribute\":\"State\"}";
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).as("the CSRF cookie Hawtio's page reads").isNotBlank();
        HttpResponse<String> jolokia = browser.post(url("/actuator/hawtio/jolokia"), "application/json", read, "X-XSRF-TOKEN", token);
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(jolokia.body()).contains("\"value\":\"Started\"");

        HttpResponse<String> withoutToken = browser.post(url("/actuator/hawtio/jolokia"), "application/json", read);
        assertThat(withoutToken.statusCode()).as("a cross-site POST without the token").isEqualTo(403);
    }

    @Test
    void metricsShowCamelAndJvmToAnAuthenticatedScraper() {
        HttpResponse<String> metrics = Http.basic(ADMIN, PASSWORD).get(url("/actuator/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("camel_");
    }
}
