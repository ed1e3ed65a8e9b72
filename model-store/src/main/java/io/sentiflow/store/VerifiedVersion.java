package io.sentiflow.store;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadWeights;

/**
 * A version that passed every check of {@link ModelStore#verify}: its manifest, the manifest's
 * sha256, the encoder to run and the head weights. Holds no native resources.
 */
public record VerifiedVersion(Manifest manifest, String manifestSha256, EncoderKind encoder, HeadWeights weights) {}
