package io.neurofm.train;

/**
 * Wall time spent in each phase of the training steps, for profiling. On CPU every op runs
 * eagerly, so the boundaries are exact; on a GPU launches are asynchronous and a phase's time is
 * mostly its launch cost until the next host sync (the loss and norm read).
 */
public final class PhaseTimes {
    long data;
    long forward;
    long backward;
    long reduce;
    long clip;
    long optimizer;
    long arrays;
    int steps;

    public double dataMs() { return ms(data); }
    public double forwardMs() { return ms(forward); }
    public double backwardMs() { return ms(backward); }
    public double reduceMs() { return ms(reduce); }
    /** Global norm and the host read of loss and norm (the step's one sync). */
    public double clipMs() { return ms(clip); }
    public double optimizerMs() { return ms(optimizer); }
    /** Arrays created by forward passes per step, a proxy for native op calls. */
    public double arraysPerStep() { return steps == 0 ? 0 : (double) arrays / steps; }
    public int steps() { return steps; }

    public void reset() {
        data = forward = backward = reduce = clip = optimizer = arrays = 0;
        steps = 0;
    }

    private double ms(long nanos) {
        return steps == 0 ? 0 : nanos / 1e6 / steps;
    }
}
