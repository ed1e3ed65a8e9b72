package io.sentiflow.bench;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.scoring.BatchScorer;
import io.sentiflow.store.ModelStore;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Row (c)'s scorer: the pattern of DJL's own Flink example, one model call per record in a map
 * function, with no batching, no deduplication and no swaps. The model (the store's promoted
 * version) is loaded in {@link #open} and closed in {@link #close}, once per subtask.
 */
final class NaiveScoringFunction extends RichMapFunction<ValidText, ScoredText> {

    private static final long serialVersionUID = 1L;

    private final String storeUri;
    private final int onnxThreads;
    private transient ScoringModel model;

    NaiveScoringFunction(String storeUri, int onnxThreads) {
        this.storeUri = storeUri;
        this.onnxThreads = onnxThreads;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        ModelStore store = ModelStore.open(storeUri);
        String version = store.promotedVersion().orElseThrow(() ->
                new IllegalStateException("the model store " + storeUri + " has no promoted version"));
        model = store.load(version, null, null, onnxThreads);
    }

    @Override
    public ScoredText map(ValidText text) {
        // A batch of one: the same records as the micro-batch operator, one model call per record.
        return BatchScorer.score(model, List.of(text), System.currentTimeMillis()).record(0);
    }

    @Override
    public void close() throws Exception {
        if (model != null) {
            model.close();
        }
    }
}
