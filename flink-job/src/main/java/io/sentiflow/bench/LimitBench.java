package io.sentiflow.bench;

import ai.onnxruntime.OrtException;
import io.sentiflow.evaluation.BareEncoder;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import java.util.List;

/**
 * Row (0), the limit: bare ONNX Runtime ({@link BareEncoder}, the reference of {@code bench model})
 * on the encoder graph the version serves, alone: no heads, no DJL, no Flink, no Kafka. Tokenizing
 * included, with the version's text normalization (the job's model sees the same tokens), the
 * texts sorted by length in batches of {@value BareEncoder#BATCH}, the fastest plain way measured here. A pipeline that also runs the heads, Kafka and Flink on the same cores can at best
 * come near it.
 *
 * <p>Latency here is the session time of a batch (tokenizing, done for all texts at once, is not in it).
 */
final class LimitBench {

    private LimitBench() {}

    /** One warm-up batch, then one pass over {@code texts}. */
    static BenchRow run(EncoderFiles served, TextNormalization normalization, ServingSettings settings,
            List<String> texts) throws OrtException {
        try (TextTokenizer tokenizer = TextTokenizer.open(served.tokenizer(), normalization);
                BareEncoder bare = new BareEncoder(served, settings)) {
            // The first run allocates ONNX Runtime's arenas: kept out of the number.
            bare.pass(tokenizer, texts.subList(0, Math.min(BareEncoder.BATCH, texts.size())));
            double cpuStart = CpuClock.processCpuNanos();
            BareEncoder.Pass pass = bare.pass(tokenizer, texts);
            double cpuSeconds = (CpuClock.processCpuNanos() - cpuStart) / 1e9;
            return new BenchRow("0", "bare ONNX Runtime, encoder graph only, sorted batches of " + BareEncoder.BATCH,
                    1, settings.intraOpThreads(), texts.size(), texts.size() / pass.textsPerSecond(),
                    LatencySummary.of(pass.batchMillis()), cpuSeconds, LoadAverage.now().oneMinute());
        }
    }
}
