package io.sentiflow.demo;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Says, before the first training, roughly how long it will take: the fp32 encoder must encode
 * every text of the train and valid splits not yet in the embedding cache, then the heads train.
 * Rough by design: it counts CSV lines (a quoted text spanning lines counts twice).
 */
public final class TrainingEstimate {

    /**
     * fp32 MiniLM on two ONNX threads encodes 375-490 texts/s at batch 32 on an idle machine
     * (docs/STACK.md); while the machine does other work, less.
     */
    private static final int TEXTS_PER_SECOND = 150;
    /**
     * One epoch of the heads over the whole train split: measured 115 s for 27 epochs of the full
     * default training on the shared 2-core machine (one PyTorch thread); rounded up for load.
     */
    private static final int SECONDS_PER_EPOCH = 10;

    private TrainingEstimate() {}

    /** One line for the user. */
    public static String describe(DataLocations data, Path embeddingCache) {
        long texts = 0;
        for (Path file : List.of(data.sentimentTrain(), data.topicTrain(), data.sentimentValid(), data.topicValid())) {
            texts += rows(file);
        }
        // Only the cache file's presence is checked: reading it to count would cost as much as training reads.
        boolean cached = hasCache(embeddingCache);
        int epochs = TrainingSettings.defaults().maxEpochs();
        long seconds = (cached ? 0 : texts / TEXTS_PER_SECOND) + (long) epochs * SECONDS_PER_EPOCH;
        return String.format(Locale.ROOT,
                "Training takes roughly %d min on 2 cores: %s, then up to %d epochs of the heads."
                        + " Later runs reuse the model and the encoder cache (%s).",
                Math.max(1, Math.round(seconds / 60.0)),
                cached ? "encoder outputs are mostly cached already" : String.format(Locale.ROOT,
                        "encoding %,d texts with the pretrained encoder (about %d min)", texts,
                        Math.round(texts / (double) TEXTS_PER_SECOND / 60)),
                epochs, embeddingCache);
    }

    private static boolean hasCache(Path dir) {
        String prefix = EncoderKind.FP32.cliName() + "-";
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && f.toFile().length() > 0);
        } catch (IOException e) {
            return false;
        }
    }

    private static long rows(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return Math.max(0, lines.count() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
