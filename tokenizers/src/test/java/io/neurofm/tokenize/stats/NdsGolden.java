package io.neurofm.tokenize.stats;


import io.neurofm.signal.Golden;
import io.neurofm.signal.GoldenInputs;
import io.neurofm.signal.Recording;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * golden/nds.json (tools/golden/make_nds_golden.py: numpy / scipy 1.10 on 4 s windows of real
 * recordings, the inputs stored float32-exact so Java feeds the same numbers).
 */
final class NdsGolden {
    static final JsonNode ROOT = Golden.load("nds");
    static final List<String> CASES = List.of("eegmmidb", "brux2");

    private NdsGolden() {
    }

    static JsonNode node(String name) {
        return ROOT.get("cases").get(name);
    }

    static double[] vector(JsonNode values) {
        return GoldenInputs.vector(values);
    }

    static double[][] matrix(JsonNode rows) {
        return GoldenInputs.matrix(rows);
    }

    static double[][] data(String name) {
        return matrix(node(name).get("data"));
    }

    static double rate(String name) {
        return node(name).get("sfreq").asDouble();
    }

    static List<String> names(String name) {
        return GoldenInputs.names(node(name));
    }

    static Recording recording(String name) {
        return GoldenInputs.recording(node(name), "golden/nds.json", name);
    }

    /** |a - e| / |e| (or |a| when e is 0). */
    static double relativeError(double expected, double actual) {
        double diff = Math.abs(actual - expected);
        return expected == 0 ? diff : diff / Math.abs(expected);
    }
}
