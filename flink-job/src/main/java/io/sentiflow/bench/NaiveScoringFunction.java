package io.sentiflow.bench;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import io.sentiflow.schema.TopicPrediction;
import io.sentiflow.store.ModelStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        TextPrediction prediction = model.predict(List.of(text.text())).get(0);
        return toScoredText(text, prediction, Instant.now());
    }

    @Override
    public void close() throws Exception {
        if (model != null) {
            model.close();
        }
    }

    /*
     * The same fields the micro-batch operator writes (its BatchScorer is package-private to
     * io.sentiflow.scoring), so both jobs put records of the same size through the same sink.
     */
    private ScoredText toScoredText(ValidText input, TextPrediction prediction, Instant scoredAt) {
        List<String> topicLabels = model.topicLabels();
        List<String> sentimentLabels = model.sentimentLabels();
        float[] topics = prediction.topicProbabilities();
        float[] sentiments = prediction.sentimentProbabilities();
        Map<String, Float> byTopic = new HashMap<>(topics.length * 2);
        for (int i = 0; i < topics.length; i++) {
            byTopic.put(topicLabels.get(i), topics[i]);
        }
        int topTopic = prediction.topTopic();
        TopicPrediction topic = new TopicPrediction(topicLabels.get(topTopic), topTopic, topics[topTopic]);
        SentimentPrediction sentiment = new SentimentPrediction(sentimentLabels.get(prediction.topSentiment()),
                sentiments[sentimentLabels.indexOf("Bearish")], sentiments[sentimentLabels.indexOf("Bullish")],
                sentiments[sentimentLabels.indexOf("Neutral")]);
        return new ScoredText(input.id(), input.source(), Instant.ofEpochMilli(input.publishedAt()), input.text(),
                topic, byTopic, sentiment, input.entities(), model.version(), scoredAt);
    }
}
