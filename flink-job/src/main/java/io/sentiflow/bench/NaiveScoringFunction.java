package io.sentiflow.bench;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.scoring.BatchScorer;
import io.sentiflow.scoring.ScoringConfig;
import io.sentiflow.store.ModelStore;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Row (c)'s scorer: the pattern of DJL's own Flink example, one model call per record in a map
 * function, with no batching, no deduplication and no swaps. The model (the store's promoted
 * version, with the serving settings the scoring operator would use at this parallelism) is loaded
 * in {@link #open} and closed in {@link #close}, once per subtask.
 */
final class NaiveScoringFunction extends RichMapFunction<ValidText, ScoredText> {

    private static final long serialVersionUID = 1L;

    private final ScoringConfig config;
    private transient ScoringModel model;

    NaiveScoringFunction(ScoringConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        ModelStore store = ModelStore.open(config.storeUri());
        String version = store.promotedVersion().orElseThrow(() ->
                new IllegalStateException("the model store " + config.storeUri() + " has no promoted version"));
        model = store.load(version, null, null, config.servingFor(
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                Runtime.getRuntime().availableProcessors()));
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
