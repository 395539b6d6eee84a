package fr.relais.customer.write;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API key of the Sage bridge: from the environment ({@code RELAIS_SAGE_WRITER_BRIDGE_API_KEY}) only; in demo
 * mode without one, a key generated at each start and shared by the writer and the hub's simulated bridge.
 */
public record SageBridgeApiKey(String value, boolean generated) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static SageBridgeApiKey from(String configured, boolean simulatedBridge) {
        if (configured != null && !configured.isBlank()) {
            return new SageBridgeApiKey(configured.strip(), false);
        }
        if (simulatedBridge) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return new SageBridgeApiKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
        }
        return new SageBridgeApiKey("", false);
    }

    /** Constant-time comparison with a key received. */
    public boolean matches(String received) {
        if (value.isEmpty() || received == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                received.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SageBridgeApiKey[" + (value.isEmpty() ? "none" : "******") + (generated ? ", generated" : "") + "]";
    }
}
