package io.neurofm.serve.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The bench's check of a 200 answer, for both encodings. */
class FiniteEmbeddingsTest {
    static HttpConnection.Response answer(String body) {
        return new HttpConnection.Response(200, false, body.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void acceptsFiniteArraysAndBase64OfTheRightCount() {
        assertTrue(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":[1,2.5]},{\"embedding\":[0]}]}"), 2));
        assertTrue(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":\"" + base64(1f, -2f) + "\"}]}"), 1));
    }

    @Test
    void refusesWrongCountsNonFiniteValuesAndBrokenBase64() {
        assertFalse(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":[1]}]}"), 2));
        assertFalse(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":[]}]}"), 1));
        assertFalse(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":\"" + base64(1f, Float.NaN)
                + "\"}]}"), 1));
        assertFalse(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":\""
                + base64(Float.POSITIVE_INFINITY) + "\"}]}"), 1));
        assertFalse(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":\"AAA\"}]}"), 1), "3 bytes");
        assertFalse(ServeBench.finiteEmbeddings(answer("{\"data\":[{\"embedding\":\"!!\"}]}"), 1), "not base64");
        assertFalse(ServeBench.finiteEmbeddings(answer("not json"), 1));
    }
}
