package io.sentiflow.training;

import io.sentiflow.model.EncoderKind;

/**
 * The encoder's per-token outputs of one text, stored as half floats ({@code tokens x 384}) to keep
 * a whole training set in memory.
 */
public record EncodedText(int tokens, short[] halfs) {

    public EncodedText {
        if (halfs.length != tokens * EncoderKind.HIDDEN_SIZE) {
            throw new IllegalArgumentException(halfs.length + " values for " + tokens + " tokens");
        }
    }

    public static EncodedText of(float[][] tokenVectors) {
        int dim = EncoderKind.HIDDEN_SIZE;
        short[] halfs = new short[tokenVectors.length * dim];
        for (int t = 0; t < tokenVectors.length; t++) {
            for (int i = 0; i < dim; i++) {
                halfs[t * dim + i] = Half.fromFloat(tokenVectors[t][i]);
            }
        }
        return new EncodedText(tokenVectors.length, halfs);
    }

    /** The first {@code tokens} vectors of {@code row} in a padded batch {@code [rows][width][384]}. */
    public static EncodedText ofRow(float[] batch, int row, int width, int tokens) {
        int dim = EncoderKind.HIDDEN_SIZE;
        short[] halfs = new short[tokens * dim];
        int base = row * width * dim;
        for (int i = 0; i < halfs.length; i++) {
            halfs[i] = Half.fromFloat(batch[base + i]);
        }
        return new EncodedText(tokens, halfs);
    }

    /** Back to {@code [tokens][384]} floats. */
    public float[][] toFloats() {
        int dim = EncoderKind.HIDDEN_SIZE;
        float[][] out = new float[tokens][dim];
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < dim; i++) {
                out[t][i] = Half.toFloat(halfs[t * dim + i]);
            }
        }
        return out;
    }

    /** Writes the tokens into a padded row {@code [width][384]} of {@code batch} at {@code row}. */
    void copyInto(float[] batch, int row, int width) {
        int dim = EncoderKind.HIDDEN_SIZE;
        int base = row * width * dim;
        for (int i = 0; i < halfs.length; i++) {
            batch[base + i] = Half.toFloat(halfs[i]);
        }
    }
}
