package io.sentiflow.store;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.TextNormalization;

/**
 * A version that passed every check of {@link ModelStore#verify}: its manifest, the manifest's
 * sha256, the encoder to run, how its texts are normalized and the head weights. Holds no native
 * resources.
 */
public record VerifiedVersion(Manifest manifest, String manifestSha256, EncoderKind encoder,
        TextNormalization normalization, HeadWeights weights) {}
