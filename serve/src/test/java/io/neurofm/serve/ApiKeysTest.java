package io.neurofm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.serve.security.ApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys on the running server: 401 problem+json without or with a wrong key; health probes open. */
class ApiKeysTest extends RunningServer {
    @Test
    void protectedPathsNeedAKey() {
        for (String path : List.of("/v1/models", "/v2/models/" + ServeFixtures.DEEPERBRAIN, "/actuator/prometheus",
                "/v3/api-docs")) {
            Http.Reply none = http.get(path);
            assertEquals(401, none.status(), path);
            assertTrue(none.header("Content-Type").startsWith("application/problem+json"), path);
            assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), path);
            assertEquals(401, http.get(path, "Authorization", "Bearer wrong").status(), path);
            assertEquals(401, http.get(path, "X-API-Key", "key-on").status(), path);
            assertEquals(200, http.get(path, "Authorization", "Bearer key-two").status(), path);
            assertEquals(200, http.get(path, "X-API-Key", KEY).status(), path);
        }
    }

    @Test
    void healthIsOpen() {
        for (String path : List.of("/v2/health/live", "/v2/health/ready", "/actuator/health",
                "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertEquals(200, http.get(path).status(), path);
        }
    }

    @Test
    void keysAreMatchedByHashOnly() {
        ApiKeys keys = new ApiKeys(List.of("alpha", " beta "));
        assertTrue(keys.matches("alpha"));
        assertTrue(keys.matches("beta"));
        assertFalse(keys.matches("Alpha"));
        assertFalse(keys.matches("alph"));
        assertFalse(keys.matches(""));
        assertFalse(keys.matches(null));
        assertFalse(keys.open());
        assertTrue(new ApiKeys(List.of()).open());
    }
}
