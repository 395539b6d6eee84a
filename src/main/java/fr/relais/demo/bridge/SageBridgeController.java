package fr.relais.demo.bridge;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Demo mode: the hub serves the simulated Sage bridge itself under {@value #ROOT}/v1/..., authenticated with the
 * bridge's API key (not with the hub's accounts), so that the Sage writer works out of the box.
 * Present only when the hub serves the simulated bridge ({@link DemoSageBridgeConfiguration#ENABLED}).
 */
@RestController
@ConditionalOnExpression(DemoSageBridgeConfiguration.ENABLED)
@RequestMapping(SageBridgeController.ROOT)
public class SageBridgeController {

    public static final String ROOT = "/demo/sage-bridge";

    private final SimulatedSageBridge bridge;

    public SageBridgeController(SimulatedSageBridge bridge) {
        this.bridge = bridge;
    }

    @RequestMapping("/**")
    public ResponseEntity<String> handle(HttpServletRequest request, @RequestBody(required = false) String body) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        String path = request.getRequestURI().substring(request.getContextPath().length() + ROOT.length());
        SimulatedSageBridge.Response response = bridge.handle(new SimulatedSageBridge.Request(request.getMethod(), path,
                headers, body == null ? "" : body));
        HttpHeaders responseHeaders = new HttpHeaders();
        response.headers().forEach(responseHeaders::set);
        return ResponseEntity.status(response.status()).headers(responseHeaders)
                .contentType(MediaType.APPLICATION_JSON).body(response.body());
    }
}
