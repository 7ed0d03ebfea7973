package io.neurofm.probe;

/** A trained probe. */
public interface FittedProbe {
    int classes();

    /** Class probabilities, [sample][class], each row summing to one. */
    double[][] predictProba(double[][] x);

    /** The most probable class; equal probabilities go to the lower class index. */
    default int[] predict(double[][] x) {
        return argmax(predictProba(x));
    }

    static int[] argmax(double[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
