package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.neurofm.tensor.Scalars;

/**
 * Content embedding of one patch from its waveform and its amplitude spectrum:
 * {@code time(x) + spectrum(|rfft(x)| / sqrt(L))}, patches [..., L] to [..., d].
 *
 * <p>The magnitude comes from the engine's own {@code rfft} (libtorch {@code torch.fft.rfft}, a
 * complex tensor) followed by {@code abs}, computed per call; it is a function of the data only,
 * so no gradient flows through it. The 1/sqrt(L) ("ortho") scaling keeps a unit-variance patch's
 * spectrum near unit size whatever L is. Names: {@code time.weight} [d, L], {@code time.bias},
 * {@code spectrum.weight} [d, L/2+1], {@code spectrum.bias}.
 */
final class PatchEncoder extends AbstractBlock {
    private final int patchLength;
    private final Linear time;
    private final Linear spectrum;

    PatchEncoder(int patchLength, int dModel) {
        this.patchLength = patchLength;
        time = addChildBlock("time", Linear.builder().setUnits(dModel).build());
        spectrum = addChildBlock("spectrum", Linear.builder().setUnits(dModel).build());
    }

    /** |rfft(x)| / sqrt(L) over the last axis: [..., L] to [..., L/2 + 1], in x's type. */
    static NDArray amplitudeSpectrum(NDArray x) {
        long length = x.getShape().get(x.getShape().dimension() - 1);
        NDArray complex = x.rfft(length, -1);
        NDArray magnitude = complex.abs();
        complex.close();
        return Scalars.div(magnitude, Math.sqrt(length));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        time.initialize(manager, dataType, new Shape(1, patchLength));
        spectrum.initialize(manager, dataType, new Shape(1, patchLength / 2 + 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray waveform = time.forward(store, new NDList(x), training, params).head();
        NDArray amplitude = spectrum.forward(
                store, new NDList(amplitudeSpectrum(x)), training, params).head();
        return new NDList(waveform.add(amplitude));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return time.getOutputShapes(inputShapes);
    }
}
