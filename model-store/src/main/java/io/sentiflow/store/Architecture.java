package io.sentiflow.store;

/**
 * Shape of the trained layers: pooling over the encoder's tokens ({@code attention}), the shared
 * adapter and its activation, and the widths needed to check the weights file.
 */
public record Architecture(String pooling, int hidden, int attention, int adapter, String activation) {}
