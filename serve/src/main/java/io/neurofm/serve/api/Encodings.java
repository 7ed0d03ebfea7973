package io.neurofm.serve.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Locale;

/** The embedding encodings: a float array, or base64 of little-endian float32 (OpenAI's encoding_format). */
final class Encodings {
    private Encodings() {}

    static String require(String requested, String field) {
        if (requested == null) {
            return "float";
        }
        String e = requested.toLowerCase(Locale.ROOT);
        if (!e.equals("float") && !e.equals("base64")) {
            throw ClientProblem.unprocessable(field, "'" + requested + "' is not an encoding; expected float or base64");
        }
        return e;
    }

    static Object encode(float[] row, String encoding) {
        if (encoding.equals("float")) {
            return row;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(row);
        return Base64.getEncoder().encodeToString(b.array());
    }
}
