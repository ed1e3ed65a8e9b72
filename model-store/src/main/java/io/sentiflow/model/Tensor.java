package io.sentiflow.model;

import java.util.Arrays;

/** A named float tensor in row-major order, as stored in a version's weights file. */
public record Tensor(String name, int[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        long size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("Tensor " + name + " of shape " + Arrays.toString(shape)
                    + " has " + data.length + " values");
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Index of the first NaN or infinite value, or -1. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }
}
