package io.neurofm.signal.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import io.neurofm.signal.Volume;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every NIfTI image of the shared data against nibabel 5.0 (tools/golden/make_nifti_golden.py). */
class NiftiGoldenTest {
    private static final double TOL = 1e-6;
    private static final JsonNode GOLDEN = Golden.load("nifti");

    static Stream<String> files() {
        List<String> names = new ArrayList<>();
        GOLDEN.get("files").propertyNames().forEach(names::add);
        assertEquals(6, names.size(), "golden lists every .nii/.nii.gz under fmri/ and mri/");
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void headerMatchesNibabel(String name) throws IOException {
        JsonNode g = GOLDEN.get("files").get(name);
        NiftiHeader h = new NiftiReader().readHeader(TestData.file(name));
        JsonNode shape = g.get("shape");
        int[] expectedDims = {1, 1, 1, 1};
        for (int i = 0; i < shape.size(); i++) {
            expectedDims[i] = shape.get(i).asInt();
        }
        assertArrayEquals(expectedDims, h.dims(), "shape");
        assertEquals(shape.size(), h.dimCount(), "dim[0]");
        assertEquals(g.get("dtype").asString(), h.dataType().name().toLowerCase(Locale.ROOT), "dtype");
        assertEquals(g.get("endianness").asString().equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                h.byteOrder(), "byte order");
        assertEquals(g.get("scl_slope").asDouble(), h.slope(), 0, "scl_slope");
        assertEquals(g.get("scl_inter").asDouble(), h.inter(), 0, "scl_inter");
        assertEquals(g.get("qform_code").asInt(), h.qformCode());
        assertEquals(g.get("sform_code").asInt(), h.sformCode());

        double mm = switch (g.get("xyzt_units").get(0).asString()) {
            case "meter" -> 1000;
            case "micron" -> 0.001;
            default -> 1;
        };
        JsonNode zooms = g.get("zooms");
        for (int i = 0; i < 3; i++) {
            assertClose(zooms.get(i).asDouble() * mm, h.voxelSizeMm()[i], "zoom " + i);
        }
        if (g.has("tr_zoom")) {
            double perSecond = switch (g.get("xyzt_units").get(1).asString()) {
                case "msec" -> 1e-3;
                case "usec" -> 1e-6;
                default -> 1;
            };
            assertClose(g.get("tr_zoom").asDouble() * perSecond, h.repetitionSeconds(), "TR");
        } else {
            assertTrue(Double.isNaN(h.repetitionSeconds()), "a 3D image has no TR");
        }
        assertAffine(g.get("affine"), h.affine(), mm);
        assertAffine(g.get("qform"), h.qform(), 1);
        assertAffine(g.get("sform"), h.sform(), 1);
    }

    @ParameterizedTest
    @MethodSource("files")
    void voxelsMatchNibabel(String name) throws IOException {
        JsonNode g = GOLDEN.get("files").get(name);
        Volume v = new NiftiReader().read(TestData.file(name));
        float[] data = v.data();
        double sum = 0;
        double sumsq = 0;
        for (float f : data) {
            sum += f;
            sumsq += (double) f * f;
        }
        assertClose(g.get("sum").asDouble(), sum, "sum");
        assertClose(g.get("sumsq").asDouble(), sumsq, "sum of squares");
        JsonNode volumeSums = g.get("volume_sums");
        assertEquals(volumeSums.size(), v.nt(), "volume count");
        int per = v.nx() * v.ny() * v.nz();
        for (int t = 0; t < v.nt(); t++) {
            double s = 0;
            for (int i = 0; i < per; i++) {
                s += data[t * per + i];
            }
            assertClose(volumeSums.get(t).asDouble(), s, "sum of volume " + t);
        }
        JsonNode idx = g.get("spot_index");
        JsonNode values = g.get("spot_value");
        assertEquals(GOLDEN.get("spots").asInt(), idx.size());
        for (int i = 0; i < idx.size(); i++) {
            JsonNode at = idx.get(i);
            assertClose(values.get(i).asDouble(), v.value(at.get(0).asInt(), at.get(1).asInt(), at.get(2).asInt(),
                    at.get(3).asInt()), "voxel " + at);
        }
        assertAffine(g.get("affine"), v.affine(), 1);
        Transform read = v.provenance().get(0);
        assertEquals("read", read.operation());
        assertEquals(Map.of("file", TestData.file(name).getFileName().toString(), "format", "NIfTI-1"),
                Map.of("file", read.parameters().get("file"), "format", read.parameters().get("format")));
    }

    private static void assertAffine(JsonNode expected, double[][] actual, double mm) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double e = expected.get(i).get(j).asDouble() * (i < 3 ? mm : 1);
                assertEquals(e, actual[i][j], TOL * Math.max(1, Math.abs(e)), "affine[" + i + "][" + j + "]");
            }
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(Math.abs(expected), 1e-12), what);
    }
}
