package io.sentiflow.scoring;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.testing.ValidTexts;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A benchmark, not a test: texts per second of the scoring path ({@link BatchScorer}: dedupe, one
 * model call, records built) per micro-batch size, on the sentiment valid split, with a real
 * model version. Prints a table; the batch-size default in {@link ScoringOptions} follows it.
 *
 * <p>Run: {@code java -cp <flink-job test class path> io.sentiflow.scoring.BatchSizeBench
 * [store-root] [onnx-threads]}; without a store it publishes an untrained version (same encoder,
 * same cost) into a temporary one. Data from {@code sentiflow.data.dir} (default ../shared/data).
 */
public final class BatchSizeBench {

    private static final int[] BATCH_SIZES = {1, 8, 16, 32, 64};
    private static final int TEXTS = 1024;
    private static final int ROUNDS = 3;

    private BatchSizeBench() {}

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sentiflow-bench-store");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ModelStore store = ModelStore.open(root.toString());
        String version = store.promotedVersion().orElseGet(() -> TinyModels.untrainedInto(root, 1L));
        List<ValidText> texts = validTexts();
        try (ScoringModel model = store.load(version, null, store.manifestSha256(version), threads)) {
            score(model, texts.subList(0, 64), 16); // first-call costs out of the table
            System.out.printf("version %s, %d texts, %d ONNX threads, best of %d rounds%n",
                    version, texts.size(), threads, ROUNDS);
            System.out.printf("%6s %12s %14s%n", "batch", "texts/s", "ms per batch");
            for (int batchSize : BATCH_SIZES) {
                long best = Long.MAX_VALUE;
                for (int round = 0; round < ROUNDS; round++) {
                    best = Math.min(best, score(model, texts, batchSize));
                }
                double seconds = best / 1e9;
                System.out.printf("%6d %12.0f %14.1f%n", batchSize, texts.size() / seconds,
                        seconds * 1000 / Math.ceil((double) texts.size() / batchSize));
            }
        }
    }

    private static long score(ScoringModel model, List<ValidText> texts, int batchSize) {
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batchSize) {
            BatchScorer.score(model, texts.subList(from, Math.min(texts.size(), from + batchSize)), 0L);
        }
        return System.nanoTime() - start;
    }

    private static List<ValidText> validTexts() throws IOException {
        Path csv = Path.of(System.getProperty("sentiflow.data.dir", "../shared/data"),
                "twitter_financial_news_sentiment", "sent_valid.csv");
        List<ValidText> texts = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (texts.size() == TEXTS) {
                    break;
                }
                texts.add(ValidTexts.of("v" + texts.size(), "bench", row.get("text"), 0L, List.of()));
            }
        }
        return texts;
    }
}
