package io.neurofm.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Golden JSON written by tools/golden/make_*_golden.py into finetune/src/test/resources/golden. */
public final class ProbeGolden {
    private ProbeGolden() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = ProbeGolden.class.getResourceAsStream("/golden/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("golden/" + name + ".json missing; run tools/golden/make_" + name
                        + "_golden.py");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] ints(JsonNode node) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).intValue();
        }
        return a;
    }

    public static double[] doubles(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).doubleValue();
        }
        return a;
    }

    public static double[][] matrix(JsonNode node) {
        double[][] a = new double[node.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = doubles(node.get(i));
        }
        return a;
    }
}
