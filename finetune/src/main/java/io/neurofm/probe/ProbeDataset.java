package io.neurofm.probe;

import java.util.Collections;
import java.util.List;

/**
 * Frozen features with labels and the grouping a split must respect.
 *
 * @param features     [sample][feature]
 * @param labels       class index per sample, 0..classNames.size()-1
 * @param classNames   the class of each index
 * @param featureNames one per feature column
 * @param subjects     subject per sample
 * @param sessions     session per sample (named within its subject)
 */
public record ProbeDataset(double[][] features, int[] labels, List<String> classNames, List<String> featureNames,
                           List<String> subjects, List<String> sessions) {
    public ProbeDataset {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        subjects = List.copyOf(subjects);
        sessions = List.copyOf(sessions);
        int n = features.length;
        if (labels.length != n || subjects.size() != n || sessions.size() != n) {
            throw new IllegalArgumentException(n + " samples but " + labels.length + " labels, " + subjects.size()
                    + " subjects and " + sessions.size() + " sessions");
        }
        if (n > 0) {
            Matrices.checkRows(features, featureNames.size());
        }
        for (int y : labels) {
            if (y < 0 || y >= classNames.size()) {
                throw new IllegalArgumentException("label " + y + " outside the " + classNames.size() + " classes "
                        + classNames);
            }
        }
    }

    /** One subject and one session throughout (a single recording). */
    public static ProbeDataset singleRecording(double[][] features, int[] labels, List<String> classNames,
                                               List<String> featureNames, String subject) {
        return new ProbeDataset(features, labels, classNames, featureNames,
                Collections.nCopies(labels.length, subject), Collections.nCopies(labels.length, "1"));
    }

    public int size() {
        return labels.length;
    }

    public int classes() {
        return classNames.size();
    }

    @Override
    public double[][] features() {
        double[][] c = new double[features.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = features[i].clone();
        }
        return c;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The same features with other labels (e.g. permuted, to check that chance stays chance). */
    public ProbeDataset withLabels(int[] newLabels) {
        return new ProbeDataset(features, newLabels, classNames, featureNames, subjects, sessions);
    }
}
