package io.neurofm.probe;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.neurofm.nn.LayerNormalization;
import io.neurofm.probe.split.Permutations;
import io.neurofm.train.AdamW;
import io.neurofm.train.AdamWConfig;
import io.neurofm.train.DecayRule;
import io.neurofm.train.Seeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

/**
 * MEG-GPT's temporal probe on frozen hidden-state sequences: a dense layer over time collapses
 * each window's [T, d] sequence to d values ({@code pooled_j = sum_t w_t h_tj + c}, one weight per
 * time step shared by all features), then LayerNorm(d), then a linear layer to K logits; trained
 * with cross-entropy and AdamW (weight decay on the two weight matrices only, {@link DecayRule#DEFAULT})
 * for a fixed number of epochs of seeded mini-batches.
 *
 * <p>Unlike mean pooling followed by a linear probe, it can read WHEN something happens inside a
 * window: a learned w_t weighs early and late time steps differently.
 *
 * <p>A sample is one row of the {@link Probe} matrix: the sequence flattened time-major,
 * {@code row[t * d + j] = h_tj}. Features are standardised per feature j with the mean and spread
 * over the training samples and all their time steps (so the time profile is kept). The time
 * weights start at 1/T (mean pooling), the classifier uniformly in +-1/sqrt(d) from the seed, so a
 * fit depends only on its inputs and settings. The fitted probe predicts in plain Java (double),
 * holding no native memory.
 */
public final class TemporalProbe implements Probe {
    /**
     * @param epochs       passes over the training samples
     * @param batchSize    samples per AdamW step
     * @param learningRate AdamW's rate (constant)
     * @param weightDecay  AdamW's decoupled decay of the time and classifier weights
     * @param seed         classifier initialisation and mini-batch order
     */
    public record Settings(int epochs, int batchSize, double learningRate, double weightDecay, long seed) {
        public static final Settings DEFAULT = new Settings(60, 32, 1e-2, 0.01, 0);

        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("need epochs >= 1, batchSize >= 1, learningRate > 0 and "
                        + "weightDecay >= 0; got " + epochs + ", " + batchSize + ", " + learningRate + ", " + weightDecay);
            }
        }

        public Settings withSeed(long newSeed) {
            return new Settings(epochs, batchSize, learningRate, weightDecay, newSeed);
        }
    }

    private final int timeSteps;
    private final Settings settings;

    public TemporalProbe(int timeSteps) {
        this(timeSteps, Settings.DEFAULT);
    }

    /**
     * A temporal probe whose sequence length is not known yet: {@link #withTimeSteps} gives the
     * probe for one data set (as {@code FrozenProbeStudy} does once it has the sequences).
     */
    public static TemporalProbe unsized(Settings settings) {
        return new TemporalProbe(0, settings, true);
    }

    /** This probe with the same settings, for sequences of {@code timeSteps} steps. */
    public TemporalProbe withTimeSteps(int timeSteps) {
        return new TemporalProbe(timeSteps, settings);
    }

    /** @param timeSteps T, the sequence length of every sample */
    public TemporalProbe(int timeSteps, Settings settings) {
        this(timeSteps, settings, false);
    }

    private TemporalProbe(int timeSteps, Settings settings, boolean unsized) {
        if (timeSteps < 1 && !unsized) {
            throw new IllegalArgumentException("timeSteps must be >= 1, got " + timeSteps);
        }
        this.timeSteps = timeSteps;
        this.settings = settings;
    }

    @Override
    public String name() {
        return timeSteps == 0 ? "temporal" : "temporal(T=" + timeSteps + ")";
    }

    public Settings settings() {
        return settings;
    }

    /** T, or 0 for an {@link #unsized} probe. */
    public int timeSteps() {
        return timeSteps;
    }

    @Override
    public Fitted fit(double[][] x, int[] y, int classes) {
        Matrices.checkFit(x, y, classes);
        if (timeSteps == 0) {
            throw new IllegalStateException("the temporal probe reads sequences of a known length; give it with "
                    + "withTimeSteps(T)");
        }
        int d = features(x[0].length);
        if (d < 2) {
            throw new IllegalArgumentException("LayerNorm over d = 1 feature is constant; the temporal probe needs"
                    + " d >= 2 features per time step");
        }
        Standardizer standardizer = Standardizer.fit(perTimeStep(x, d));
        float[] data = standardized(x, d, standardizer);
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear time = Linear.builder().setUnits(1).build();
            time.initialize(manager, DataType.FLOAT32, new Shape(1, d, timeSteps));
            LayerNormalization norm = new LayerNormalization(d);
            norm.initialize(manager, DataType.FLOAT32, new Shape(1, d));
            Linear classifier = Linear.builder().setUnits(classes).build();
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, d));

            float[] timeWeight = new float[timeSteps];
            Arrays.fill(timeWeight, 1f / timeSteps);
            SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed(), -1));
            float[] classWeight = new float[classes * d];
            double bound = 1 / Math.sqrt(d);
            for (int i = 0; i < classWeight.length; i++) {
                classWeight[i] = (float) random.nextDouble(-bound, bound);
            }
            float[] ones = new float[d];
            Arrays.fill(ones, 1f);
            LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
            parameters.put("time.weight", set(time, "weight", timeWeight));
            parameters.put("time.bias", set(time, "bias", new float[1]));
            parameters.put("norm.weight", set(norm, "weight", ones));
            parameters.put("norm.bias", set(norm, "bias", new float[d]));
            parameters.put("classifier.weight", set(classifier, "weight", classWeight));
            parameters.put("classifier.bias", set(classifier, "bias", new float[classes]));
            AdamW optimizer = new AdamW(parameters, new AdamWConfig(0.9, 0.999, 1e-8, settings.weightDecay()),
                    DecayRule.DEFAULT);

            int n = y.length;
            int rowLength = timeSteps * d;
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                int[] order = Permutations.of(n, Seeds.mix(settings.seed(), epoch));
                for (int start = 0; start < n; start += settings.batchSize()) {
                    int b = Math.min(settings.batchSize(), n - start);
                    float[] batch = new float[b * rowLength];
                    float[] oneHot = new float[b * classes];
                    for (int i = 0; i < b; i++) {
                        int s = order[start + i];
                        System.arraycopy(data, s * rowLength, batch, i * rowLength, rowLength);
                        oneHot[i * classes + y[s]] = 1f;
                    }
                    try (NDManager scope = manager.newSubManager();
                         GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        ParameterStore store = new ParameterStore(scope, false);
                        NDArray input = scope.create(batch, new Shape(b, timeSteps, d));
                        NDArray pooled = time.forward(store, new NDList(input.transpose(0, 2, 1)), true).head()
                                .squeeze(2);
                        NDArray normed = norm.forward(store, new NDList(pooled), true).head();
                        NDArray logits = classifier.forward(store, new NDList(normed), true).head();
                        NDArray loss = logits.logSoftmax(1).mul(scope.create(oneHot, new Shape(b, classes)))
                                .sum(new int[] {1}).mean().neg();
                        collector.backward(loss);
                    }
                    optimizer.update(settings.learningRate(), 1.0);
                }
            }
            return new Fitted(standardizer, timeSteps, classes, doubles(time, "weight"), doubles(time, "bias")[0],
                    doubles(norm, "weight"), doubles(norm, "bias"), doubles(classifier, "weight"),
                    doubles(classifier, "bias"), LayerNormalization.DEFAULT_EPS);
        }
    }

    /** The trained time weights, LayerNorm and classifier, applied in double. */
    public static final class Fitted implements FittedProbe {
        private final Standardizer standardizer;
        private final int timeSteps;
        private final int classes;
        private final double[] timeWeight;
        private final double timeBias;
        private final double[] gamma;
        private final double[] beta;
        private final double[] classWeight;
        private final double[] classBias;
        private final double eps;

        Fitted(Standardizer standardizer, int timeSteps, int classes, double[] timeWeight, double timeBias,
               double[] gamma, double[] beta, double[] classWeight, double[] classBias, double eps) {
            this.standardizer = standardizer;
            this.timeSteps = timeSteps;
            this.classes = classes;
            this.timeWeight = timeWeight;
            this.timeBias = timeBias;
            this.gamma = gamma;
            this.beta = beta;
            this.classWeight = classWeight;
            this.classBias = classBias;
            this.eps = eps;
        }

        @Override
        public int classes() {
            return classes;
        }

        /** The learned weight of each time step, w_t (they start at 1/T). */
        public double[] timeWeights() {
            return timeWeight.clone();
        }

        @Override
        public double[][] predictProba(double[][] x) {
            int d = gamma.length;
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != timeSteps * d) {
                    throw new IllegalArgumentException("sample " + i + " has " + x[i].length + " values; the probe"
                            + " was fitted on sequences of " + timeSteps + " x " + d);
                }
                double[] pooled = new double[d];
                Arrays.fill(pooled, timeBias);
                for (int t = 0; t < timeSteps; t++) {
                    for (int j = 0; j < d; j++) {
                        double h = (x[i][t * d + j] - standardizer.mean()[j]) / standardizer.scale()[j];
                        pooled[j] += timeWeight[t] * h;
                    }
                }
                double mean = 0;
                for (double v : pooled) {
                    mean += v;
                }
                mean /= d;
                double var = 0;
                for (double v : pooled) {
                    var += (v - mean) * (v - mean);
                }
                double inv = 1 / Math.sqrt(var / d + eps);
                double[] logits = new double[classes];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    double z = classBias[k];
                    for (int j = 0; j < d; j++) {
                        z += classWeight[k * d + j] * ((pooled[j] - mean) * inv * gamma[j] + beta[j]);
                    }
                    logits[k] = z;
                    max = Math.max(max, z);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    logits[k] = Math.exp(logits[k] - max);
                    sum += logits[k];
                }
                for (int k = 0; k < classes; k++) {
                    logits[k] /= sum;
                }
                out[i] = logits;
            }
            return out;
        }
    }

    /** Flattens [T][d] sequences (time-major) into probe rows. */
    public static double[][] flatten(double[][][] sequences) {
        double[][] rows = new double[sequences.length][];
        for (int i = 0; i < sequences.length; i++) {
            int t = sequences[i].length;
            int d = sequences[i][0].length;
            rows[i] = new double[t * d];
            for (int s = 0; s < t; s++) {
                if (sequences[i][s].length != d) {
                    throw new IllegalArgumentException("sequence " + i + " is ragged at time step " + s);
                }
                System.arraycopy(sequences[i][s], 0, rows[i], s * d, d);
            }
        }
        return rows;
    }

    private int features(int rowLength) {
        if (rowLength % timeSteps != 0) {
            throw new IllegalArgumentException("a row of " + rowLength + " values is not a sequence of " + timeSteps
                    + " time steps");
        }
        return rowLength / timeSteps;
    }

    /** Every time step of every sample as a row [N*T][d], for per-feature statistics. */
    private double[][] perTimeStep(double[][] x, int d) {
        double[][] rows = new double[x.length * timeSteps][];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < timeSteps; t++) {
                rows[i * timeSteps + t] = Arrays.copyOfRange(x[i], t * d, (t + 1) * d);
            }
        }
        return rows;
    }

    private float[] standardized(double[][] x, int d, Standardizer s) {
        float[] out = new float[x.length * timeSteps * d];
        int o = 0;
        for (double[] row : x) {
            for (int k = 0; k < row.length; k++) {
                int j = k % d;
                out[o++] = (float) ((row[k] - s.mean()[j]) / s.scale()[j]);
            }
        }
        return out;
    }

    private static Parameter set(ai.djl.nn.Block block, String name, float[] values) {
        Parameter p = block.getParameters().get(name);
        p.getArray().set(values);
        p.freeze(false);
        return p;
    }

    private static double[] doubles(ai.djl.nn.Block block, String name) {
        float[] f = block.getParameters().get(name).getArray().toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
