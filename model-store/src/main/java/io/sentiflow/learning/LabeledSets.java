package io.sentiflow.learning;

import io.sentiflow.model.TokenEncoder;
import io.sentiflow.training.EmbeddingCache;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Encoded example lists from labelled CSV files ({@code text,label}, label a name or id of
 * {@code labelNames}), for regression sets and the replay buffer. Encoder outputs come from (and go
 * to) the {@link EmbeddingCache}; an encoder is opened from {@code encoders} only if a text is
 * missing, and closed again. Example ids are {@code replay:<task>:<row>} with the row's position in
 * the file, so they are stable across runs.
 */
public final class LabeledSets {

    private LabeledSets() {}

    /**
     * A seeded random sample of up to {@code max} rows (0: all) of {@code csv}, encoded. The sample is
     * the one {@code TrainingRun} draws with the same seed, so its encoder outputs are shared.
     */
    public static List<LabeledExample> encode(Path csv, Task task, List<String> labelNames, EmbeddingCache cache,
            Supplier<TokenEncoder> encoders, int max, long seed) throws IOException {
        List<LabeledText> rows = LabeledCsv.read(csv, labelNames);
        List<Integer> indices = new ArrayList<>(IntStream.range(0, rows.size()).boxed().toList());
        if (max > 0 && rows.size() > max) {
            Collections.shuffle(indices, new Random(seed));
            indices = indices.subList(0, max);
        }
        return encodeRows(rows, indices, task, labelNames, cache, encoders);
    }

    /** {@link #encode} as a regression set named {@code name}. */
    public static RegressionSet regressionSet(String name, Path csv, Task task, List<String> labelNames,
            EmbeddingCache cache, Supplier<TokenEncoder> encoders, int max, long seed) throws IOException {
        return new RegressionSet(name, task, encode(csv, task, labelNames, cache, encoders, max, seed));
    }

    /** The {@link ReplaySampler#stratified} sample of {@code csv} ({@code perClass} rows a label), encoded. */
    public static List<LabeledExample> replay(Path csv, Task task, List<String> labelNames, EmbeddingCache cache,
            Supplier<TokenEncoder> encoders, int perClass, long seed) throws IOException {
        List<LabeledText> rows = LabeledCsv.read(csv, labelNames);
        return encodeRows(rows, ReplaySampler.stratifiedIndices(rows, perClass, seed), task, labelNames, cache,
                encoders);
    }

    private static List<LabeledExample> encodeRows(List<LabeledText> rows, List<Integer> indices, Task task,
            List<String> labelNames, EmbeddingCache cache, Supplier<TokenEncoder> encoders) {
        List<String> texts = indices.stream().map(i -> rows.get(i).text()).toList();
        List<EncodedText> encoded = cache.encodeAll(texts, encoders, false);
        List<LabeledExample> out = new ArrayList<>(indices.size());
        for (int i = 0; i < indices.size(); i++) {
            int row = indices.get(i);
            out.add(new LabeledExample("replay:" + task.cliName() + ":" + row, task,
                    labelNames.get(rows.get(row).label()), encoded.get(i)));
        }
        return out;
    }
}
