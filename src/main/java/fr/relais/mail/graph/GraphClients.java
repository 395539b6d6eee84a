package fr.relais.mail.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the Graph SDK client: the SDK's default middleware without its RetryHandler, then
 * {@link GraphHttpPolicy} (token, immutable ids, bounded retries), and the configured root URL (tests point
 * it at an HTTP fake). Kiota's own authentication is anonymous: the token is set by the policy, which can
 * renew it on a 401.
 */
public final class GraphClients {

    private GraphClients() {
    }

    public static GraphServiceClient create(OutlookProperties properties, GraphHttpPolicy policy) {
        List<Interceptor> interceptors = new ArrayList<>();
        Arrays.stream(GraphClientFactory.createDefaultGraphInterceptors(GraphServiceClient.getGraphClientOptions()))
                .filter(i -> !(i instanceof RetryHandler))
                .forEach(interceptors::add);
        interceptors.add(policy);
        OkHttpClient http = GraphClientFactory.create(interceptors)
                .connectTimeout(properties.timeout())
                .readTimeout(properties.timeout())
                .writeTimeout(properties.timeout())
                .callTimeout(java.time.Duration.ZERO)
                .build();
        GraphServiceClient client = new GraphServiceClient(new AnonymousAuthenticationProvider(), http);
        client.getRequestAdapter().setBaseUrl(properties.baseUrl());
        return client;
    }
}
