package io.sentiflow.testing;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.model.WeightsCodec;
import io.sentiflow.store.Architecture;
import io.sentiflow.store.DataFile;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Manifests and weights of versions with random head weights (small dimensions), for store and
 * swap tests that need valid versions fast.
 */
public final class UntrainedVersions {

    public static final List<String> SENTIMENTS = List.of("Bearish", "Bullish", "Neutral");
    public static final List<String> TOPICS = List.of("Analyst Update", "Fed | Central Banks", "Company | Product News",
            "Treasuries | Corporate Debt", "Dividend", "Earnings", "Energy | Oil", "Financials", "Currencies",
            "General News | Opinion", "Gold | Metals | Materials", "IPO", "Legal | Regulation", "M&A | Investments",
            "Macro", "Markets", "Politics", "Personnel Change", "Stock Commentary", "Stock Movement");
    public static final HeadDimensions DIMS = new HeadDimensions(EncoderKind.HIDDEN_SIZE, 16, 32, TOPICS.size(),
            SENTIMENTS.size());

    private UntrainedVersions() {}

    public static HeadWeights weights(long seed) {
        Random random = new Random(seed);
        List<Tensor> tensors = new ArrayList<>();
        HeadWeights.expectedShapes(DIMS).forEach((name, shape) -> {
            int size = 1;
            for (int dim : shape) {
                size *= dim;
            }
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) random.nextGaussian() * 0.1f;
            }
            tensors.add(new Tensor(name, shape, values));
        });
        return HeadWeights.of(DIMS, tensors);
    }

    public static Map<String, byte[]> files(long seed) {
        return Map.of(Manifest.WEIGHTS_FILE, WeightsCodec.encode(weights(seed).tensors()));
    }

    /** A publishable manifest for {@link #files(long)} of the same seed (checksums are filled in on publish). */
    public static Manifest manifest(long seed) {
        Instant now = Instant.now();
        String version = ModelStore.newVersionId(now, files(seed).get(Manifest.WEIGHTS_FILE));
        EncoderKind kind = EncoderKind.FP32;
        return new Manifest(Manifest.FORMAT, version, null, now.toString(), VersionStatus.PUBLISHED,
                new EncoderSpec(kind.id(), kind.cliName(), kind.modelSha256(), kind.tokenizerSha256(),
                        TokenEncoder.MAX_TOKENS, 32, "longest", "none"),
                new Architecture("attention", DIMS.hidden(), DIMS.attention(), DIMS.adapter(), "relu"), TOPICS,
                SENTIMENTS, Map.of("seed", seed, "untrained", true),
                List.of(new DataFile("none", "none", "", 0)), Map.of(), Map.of(), "untrained test version");
    }
}
