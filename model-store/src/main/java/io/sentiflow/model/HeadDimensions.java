package io.sentiflow.model;

/**
 * Sizes of the trainable layers on top of the encoder: per-token attention scorer width, shared
 * adapter width, and the two heads' label counts.
 */
public record HeadDimensions(int hidden, int attention, int adapter, int topics, int sentiments) {

    public HeadDimensions {
        if (hidden <= 0 || attention <= 0 || adapter <= 0 || topics <= 0 || sentiments <= 0) {
            throw new IllegalArgumentException("Head dimensions must be positive: hidden=" + hidden
                    + " attention=" + attention + " adapter=" + adapter + " topics=" + topics
                    + " sentiments=" + sentiments);
        }
    }
}
