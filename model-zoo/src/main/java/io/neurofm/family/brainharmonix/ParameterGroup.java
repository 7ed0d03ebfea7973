package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The trainable blocks of one training stage under their model names, so that a stage's
 * {@code block()} holds exactly the parameters its optimizer may update. The children are shared
 * with {@link BrainHarmonixNetwork} (same arrays); a group is initialised through the network and
 * has no forward of its own (the stage's {@code loss} drives the children).
 */
final class ParameterGroup extends AbstractBlock {
    private final String stage;

    ParameterGroup(String stage, String[] names, Block[] blocks) {
        this.stage = stage;
        for (int i = 0; i < names.length; i++) {
            addChildBlock(names[i], blocks[i]);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        throw new IllegalStateException("the " + stage + " parameters are initialised by BrainHarmonixModel.initialize");
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("the " + stage + " stage is driven by its loss(...), not by forward");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("the " + stage + " parameter group has no forward");
    }
}
