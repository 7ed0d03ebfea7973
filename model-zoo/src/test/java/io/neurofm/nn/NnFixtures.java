package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Shared helpers for the nn tests: fixture paths, forward passes, comparisons. */
final class NnFixtures {
    /** The config of tools/reference/transformer_parity.py. */
    static final int D = 64;
    static final int HEADS = 4;
    static final int FF = 128;
    static final int BATCH = 3;
    static final int LENGTH = 17;

    private NnFixtures() {}

    static Path resource(String name) {
        URL url = NnFixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource io/neurofm/nn/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static <B extends Block> B initialized(B block, NDManager manager, DataType type, Shape input) {
        block.initialize(manager, type, input);
        return block;
    }

    static NDArray forward(Block block, NDManager manager, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false).head();
    }

    static double maxAbsDiff(NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new AssertionError("shapes differ: " + a.getShape() + " vs " + b.getShape());
        }
        double[] x = a.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = b.toType(DataType.FLOAT64, false).toDoubleArray();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - y[i]);
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return max;
    }
}
