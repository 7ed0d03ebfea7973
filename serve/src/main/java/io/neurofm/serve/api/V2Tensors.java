package io.neurofm.serve.api;

import tools.jackson.databind.JsonNode;

/** v2 tensor data: flat row-major or nested JSON numbers in, flat float arrays out. */
final class V2Tensors {
    private V2Tensors() {}

    /** The numbers of {@code data} in row-major order; exactly {@code count} of them. */
    static float[] flatten(JsonNode data, long count, String field) {
        if (data == null || !data.isArray()) {
            throw ClientProblem.unprocessable(field, "expected an array of numbers (flat row-major or nested)");
        }
        float[] out = new float[(int) count];
        int[] at = {0};
        collect(data, out, at, field, 0);
        if (at[0] != count) {
            throw ClientProblem.unprocessable(field, "the shape needs " + count + " numbers, the data has " + at[0]);
        }
        return out;
    }

    private static void collect(JsonNode node, float[] out, int[] at, String field, int depth) {
        if (depth > 3) {
            throw ClientProblem.unprocessable(field, "nested deeper than [N][C][T]");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (v.isArray()) {
                collect(v, out, at, field, depth + 1);
            } else if (v.isNumber()) {
                if (at[0] >= out.length) {
                    throw ClientProblem.unprocessable(field, "the data has more numbers than the shape's "
                            + out.length);
                }
                float f = (float) v.asDouble();
                if (!Float.isFinite(f)) {
                    throw ClientProblem.unprocessable(field + "[" + at[0] + "]", "samples must be finite numbers");
                }
                out[at[0]++] = f;
            } else {
                throw ClientProblem.unprocessable(field + "[" + at[0] + "]", "expected a number, got "
                        + v.getNodeType().name().toLowerCase());
            }
        }
    }

    static float[] flat(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }
}
