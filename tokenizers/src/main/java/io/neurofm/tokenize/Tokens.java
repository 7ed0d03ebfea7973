package io.neurofm.tokenize;

import io.neurofm.signal.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The tokens of one window, on a grid of rows (channels or ROIs) by steps (time). Discrete
 * tokenizers fill {@code ids} (MEG-GPT: one id per sample per channel; mu-law; quantile bins),
 * continuous ones fill {@code vectors} (patches, optionally with FFT magnitudes). Every row carries
 * its channel name and, when known, its 3D position, so a model can embed channels by name or
 * by place.
 *
 * @param channels     row names
 * @param positions    row positions in metres, entries null when unknown
 * @param ids          [row][step] token ids, or null for continuous tokens
 * @param vectors      [row][step][dim] token vectors, or null for discrete tokens
 * @param valid        [row][step] false where the step is padding; null when every step is real
 * @param vocabularySize number of distinct ids (discrete), 0 for continuous tokens
 * @param stepSeconds  time one step covers (1/rate for per-sample tokens, the patch length for patches)
 * @param samplingRate rate of the signal the tokens were made from, which {@code decode} restores
 */
public record Tokens(List<String> channels, List<Position> positions, int[][] ids, float[][][] vectors,
                     boolean[][] valid, int vocabularySize, double stepSeconds, double samplingRate) {
    public Tokens {
        channels = List.copyOf(channels);
        positions = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(positions, "positions")));
        if ((ids == null) == (vectors == null)) {
            throw new IllegalArgumentException("tokens are either discrete (ids) or continuous (vectors), exactly one");
        }
        int rows = ids != null ? ids.length : vectors.length;
        if (rows != channels.size() || positions.size() != rows) {
            throw new IllegalArgumentException(rows + " token rows for " + channels.size() + " channels and "
                    + positions.size() + " positions");
        }
        int steps = rows == 0 ? 0 : (ids != null ? ids[0].length : vectors[0].length);
        for (int r = 0; r < rows; r++) {
            int length = ids != null ? ids[r].length : vectors[r].length;
            if (length != steps) {
                throw new IllegalArgumentException("row " + channels.get(r) + " has " + length + " steps, expected "
                        + steps);
            }
            if (valid != null && valid[r].length != steps) {
                throw new IllegalArgumentException("mask row " + r + " has " + valid[r].length + " steps, expected "
                        + steps);
            }
        }
        if (ids != null && vocabularySize < 1) {
            throw new IllegalArgumentException("discrete tokens need a vocabulary size >= 1, got " + vocabularySize);
        }
        if (valid != null && valid.length != rows) {
            throw new IllegalArgumentException("mask has " + valid.length + " rows, expected " + rows);
        }
    }

    public boolean isDiscrete() {
        return ids != null;
    }

    public int rows() {
        return channels.size();
    }

    public int steps() {
        return rows() == 0 ? 0 : (ids != null ? ids[0].length : vectors[0].length);
    }

    /** Length of each token vector (continuous), 1 for discrete tokens. */
    public int dimension() {
        return ids != null || rows() == 0 || steps() == 0 ? 1 : vectors[0][0].length;
    }

    public boolean isValid(int row, int step) {
        return valid == null || valid[row][step];
    }
}
