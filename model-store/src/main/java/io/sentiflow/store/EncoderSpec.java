package io.sentiflow.store;

import io.sentiflow.model.TextNormalization;

/**
 * The encoder a version was trained with and how it must be run when serving: same file, same
 * sequence cap, same batching (int8 outputs shift slightly with padding), same text normalization.
 *
 * @param kind {@code fp32} or {@code int8}
 * @param padding {@code longest}: each batch is padded to its longest text
 * @param textNormalization {@link TextNormalization#id()} of how texts are rewritten before
 *     tokenizing; absent in versions made before normalization existed, which mean {@code none}
 */
public record EncoderSpec(String id, String kind, String modelSha256, String tokenizerSha256,
        int maxSequenceLength, int batchSize, String padding, String textNormalization) {}
