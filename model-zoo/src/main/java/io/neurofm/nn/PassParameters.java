package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A parameter's value for one forward pass, owned by the pass. DJL attaches an operation's result to
 * the manager of its first operand; for a parameter that is the model's own manager, which lives as
 * long as the model, so {@code logTau.exp()} or {@code token.mul(mask)} would leave one native array
 * there on every pass. In serving that grew native memory and the manager's map with every request
 * and slowed each later pass. A view of the parameter (no copy; gradients flow through it to the
 * parameter) owned by the pass's manager makes every result derived from it the pass's.
 *
 * <p>Use it wherever a parameter is the first operand of an operation; a parameter passed as a
 * later operand (a linear layer's weight) needs nothing.
 */
public final class PassParameters {
    private PassParameters() {}

    /** The value of {@code parameter} on {@code like}'s device, owned by {@code like}'s manager. */
    public static NDArray value(ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        NDArray value = store.getValue(parameter, like.getDevice(), training);
        NDArray view = value.reshape(value.getShape());
        view.attach(like.getManager());
        return view;
    }
}
