package io.neurofm.signal.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurofm.signal.Recording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * numpy (Debian's /usr/bin/python3) loads what we write: every array of our .npz, stored and
 * deflated, re-saved by numpy.save must be byte-identical to our own .npy of it, and our
 * recording npz + sidecar must load with the right dtype, shape, values and metadata.
 * Run with {@code mvn -Preference test}.
 */
@Tag("reference")
class NpyNumpyInteropTest {
    private static final String SCRIPT = String.join("\n",
            "import json, os, sys",
            "import numpy as np",
            "d = sys.argv[1]",
            "out = {}",
            "for name in ('stored', 'deflated'):",
            "    with np.load(os.path.join(d, name + '.npz')) as z:",
            "        for k in z.files:",
            "            np.save(os.path.join(d, name + '_' + k + '.npy'), z[k])",
            "            out[name + '/' + k] = {'dtype': z[k].dtype.str, 'shape': list(z[k].shape)}",
            "with np.load(os.path.join(d, 'rec.npz')) as z:",
            "    data = z['data']",
            "np.save(os.path.join(d, 'rec_data.npy'), data)",
            "side = json.load(open(os.path.join(d, 'rec.json')))",
            "out['rec'] = {'dtype': data.dtype.str, 'shape': list(data.shape),",
            "              'names': [c['name'] for c in side['channels']], 'rate': side['samplingRate'],",
            "              'events': [e['description'] for e in side['events']]}",
            "print(json.dumps(out))");

    @TempDir
    Path dir;

    @Test
    void numpyLoadsWhatWeWrite() throws IOException, InterruptedException {
        Map<String, NpyArray> arrays = NpyRoundTripTest.everyType();
        Npz.write(dir.resolve("stored.npz"), arrays, false);
        Npz.write(dir.resolve("deflated.npz"), arrays, true);
        Recording rec = NpzRecordingTest.sample();
        NpzRecordingWriter.write(rec, dir.resolve("rec.npz"));

        Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        JsonNode result = new ObjectMapper().readTree(output);

        for (String kind : new String[] {"stored", "deflated"}) {
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                ByteArrayOutputStream ours = new ByteArrayOutputStream();
                Npy.write(ours, e.getValue());
                byte[] numpys = Files.readAllBytes(dir.resolve(kind + "_" + e.getKey() + ".npy"));
                assertArrayEquals(numpys, ours.toByteArray(), kind + "/" + e.getKey() + " differs from numpy.save");
                assertEquals(e.getValue().dtype().littleEndianDescr(),
                        result.get(kind + "/" + e.getKey()).get("dtype").asString());
            }
        }

        JsonNode r = result.get("rec");
        assertEquals("<f4", r.get("dtype").asString());
        assertEquals(rec.channelCount(), r.get("shape").get(0).asInt());
        assertEquals(rec.sampleCount(), r.get("shape").get(1).asInt());
        assertEquals(rec.samplingRate(), r.get("rate").asDouble());
        for (int c = 0; c < rec.channelCount(); c++) {
            assertEquals(rec.channel(c).name(), r.get("names").get(c).asString());
        }
        for (int i = 0; i < rec.annotations().size(); i++) {
            assertEquals(rec.annotations().get(i).description(), r.get("events").get(i).asString());
        }
        NpyArray numpyData = Npy.read(dir.resolve("rec_data.npy"));
        float[] flat = numpyData.toFloats();
        for (int c = 0; c < rec.channelCount(); c++) {
            float[] row = new float[rec.sampleCount()];
            System.arraycopy(flat, c * rec.sampleCount(), row, 0, row.length);
            assertArrayEquals(rec.channelData(c), row, "channel " + c + " as numpy loaded it");
        }
    }
}
