package io.sentiflow.training;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Encoder outputs on disk, keyed by the encoder file's sha256 and the text normalization (one file
 * per pair) and the text's sha256, so a second training run encodes nothing again. Only real tokens
 * are stored, as half floats, in a {@link TokenVectorFile} (concurrent JVMs may share the directory).
 *
 * <p>Not thread safe; one instance per training run.
 */
public final class EmbeddingCache {

    private static final int ENCODE_BATCH = 32;

    private final TokenVectorFile vectors;
    private final EncoderKind kind;
    private final TextNormalization normalization;

    private EmbeddingCache(TokenVectorFile vectors, EncoderKind kind, TextNormalization normalization) {
        this.vectors = vectors;
        this.kind = kind;
        this.normalization = normalization;
    }

    /**
     * Opens (and reads) the cache of {@code kind} and {@code normalization} in {@code dir}, creating
     * the directory. The file of unnormalized texts keeps the name it had before normalization existed.
     */
    public static EmbeddingCache open(Path dir, EncoderKind kind, TextNormalization normalization) {
        return open(dir, kind, kind.modelSha256(), normalization);
    }

    /**
     * Opens the cache of the encoder file with {@code modelSha256} (of {@code kind}: the carrier's, or
     * a version's own fine-tuned export) and {@code normalization} in {@code dir}.
     */
    public static EmbeddingCache open(Path dir, EncoderKind kind, String modelSha256, TextNormalization normalization) {
        String suffix = normalization == TextNormalization.NONE ? "" : "-" + normalization.id();
        Path file = dir.resolve(kind.cliName() + "-" + modelSha256.toLowerCase(Locale.ROOT).substring(0, 16)
                + "-t" + TokenEncoder.MAX_TOKENS + suffix + ".emb");
        return new EmbeddingCache(TokenVectorFile.open(file), kind, normalization);
    }

    public int size() {
        return vectors.size();
    }

    public Path file() {
        return vectors.file();
    }

    /**
     * Returns the outputs of every text, encoding (with an encoder from {@code encoders}, opened only
     * if something is missing, which must be of this cache's kind and normalization) and appending
     * what is not cached yet.
     */
    public List<EncodedText> encodeAll(List<String> texts, Supplier<TokenEncoder> encoders, boolean showProgress) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(text -> vectors.get(key(text)) != null);
        if (!missing.isEmpty()) {
            // Similar lengths per batch waste less work on padding.
            missing.sort(Comparator.comparingInt(String::length));
            try (TokenEncoder encoder = encoders.get();
                    ProgressBar progress = progressBar(missing.size(), showProgress)) {
                if (encoder.kind() != kind || encoder.normalization() != normalization) {
                    throw new IllegalArgumentException("the cache of " + kind.cliName() + "/" + normalization.id()
                            + " was given an encoder of " + encoder.kind().cliName() + "/" + encoder.normalization().id());
                }
                for (int from = 0; from < missing.size(); from += ENCODE_BATCH) {
                    List<String> batch = missing.subList(from, Math.min(missing.size(), from + ENCODE_BATCH));
                    append(batch, encoder.encode(batch));
                    progress.stepBy(batch.size());
                }
            }
        }
        List<EncodedText> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(vectors.get(key(text)));
        }
        return out;
    }

    private static ProgressBar progressBar(int total, boolean visible) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Encoding").setInitialMax(total)
                .setUnit(" texts", 1).showSpeed();
        if (!visible) {
            builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(line -> { }));
        }
        return builder.build();
    }

    private void append(List<String> texts, List<float[][]> outputs) {
        List<String> keys = texts.stream().map(EmbeddingCache::key).toList();
        vectors.append(keys, outputs.stream().map(EncodedText::of).toList());
    }

    private static String key(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    public EncoderKind kind() {
        return kind;
    }

    public TextNormalization normalization() {
        return normalization;
    }
}
