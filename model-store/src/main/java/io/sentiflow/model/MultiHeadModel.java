package io.sentiflow.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The served model: one ONNX graph holding the encoder, attention pooling, the adapter and both heads
 * (built by {@code io.sentiflow.encoder.onnx.ServingGraph}), run by DJL's ONNX Runtime engine through
 * a {@link ServingTranslator}. {@link #predict} tokenizes once, orders the texts by token count, runs
 * sub-batches of at most {@link ServingSettings#tokenBudget()} padded tokens, one engine call each,
 * and returns the predictions in input order.
 *
 * <p>Not thread safe (one predictor, one session); one instance per thread. The creator closes it,
 * which closes the predictor, the session, its options and the tokenizer.
 */
public final class MultiHeadModel implements ScoringModel {

    /** The serving graph's outputs: softmax probabilities {@code [rows, topics]} and {@code [rows, sentiments]}. */
    public static final String TOPIC_OUTPUT = "topic_probabilities";
    public static final String SENTIMENT_OUTPUT = "sentiment_probabilities";
    private static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

    private final String version;
    private final List<String> topicLabels;
    private final List<String> sentimentLabels;
    private final int tokenBudget;
    private final SessionOptions options;
    private final ServingTranslator translator;
    private final Model model;
    private final Predictor<TokenBatch, List<TextPrediction>> predictor;

    private MultiHeadModel(String version, List<String> topicLabels, List<String> sentimentLabels, int tokenBudget,
            SessionOptions options, ServingTranslator translator, Model model) {
        this.version = version;
        this.topicLabels = List.copyOf(topicLabels);
        this.sentimentLabels = List.copyOf(sentimentLabels);
        this.tokenBudget = tokenBudget;
        this.options = options;
        this.translator = translator;
        this.model = model;
        this.predictor = model.newPredictor(translator);
    }

    /**
     * Opens the serving graph {@code graphFile} with the encoder's {@code tokenizerFile} and the
     * version's {@code normalization}. The labels must be as many as the graph's outputs have
     * columns (checked on every call).
     *
     * <p>DJL's {@code Criteria} passes only string options, and its ONNX Runtime engine reads no
     * session config entries from them; spinning is one, so the session options are built here and
     * handed to {@link Model#load(Path, String, Map)} as {@code sessionOptions}, which the engine uses
     * as they are.
     */
    public static MultiHeadModel open(String version, Path graphFile, Path tokenizerFile,
            TextNormalization normalization, List<String> topicLabels, List<String> sentimentLabels,
            ServingSettings settings) {
        SessionOptions options = new SessionOptions();
        ServingTranslator translator = null;
        Model model = null;
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            // Memory patterns are planned per input shape, and a job's sub-batches come in many
            // (rows x width); ONNX Runtime advises turning them off for inputs of varying shape.
            options.setMemoryPatternOptimization(false);
            options.addConfigEntry(ALLOW_SPINNING, settings.allowSpinning() ? "1" : "0");
            translator = new ServingTranslator(tokenizerFile, normalization, topicLabels.size(), sentimentLabels.size());
            model = Model.newInstance(version, Device.cpu(), "OnnxRuntime");
            model.load(graphFile, null, Map.of("sessionOptions", options));
            return new MultiHeadModel(version, topicLabels, sentimentLabels, settings.tokenBudget(), options,
                    translator, model);
        } catch (OrtException | IOException | MalformedModelException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            if (translator != null) {
                translator.close();
            }
            options.close();
            throw new IllegalStateException("Cannot open version " + version + " from " + graphFile, e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> topicLabels() {
        return topicLabels;
    }

    @Override
    public List<String> sentimentLabels() {
        return sentimentLabels;
    }

    @Override
    public List<TextPrediction> predict(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        TokenBatch batch = translator.tokenize(texts);
        TextPrediction[] out = new TextPrediction[texts.size()];
        for (int[] rows : LengthBatches.plan(batch, tokenBudget)) {
            List<TextPrediction> scored = run(batch.select(rows));
            for (int i = 0; i < rows.length; i++) {
                out[rows[i]] = scored.get(i);
            }
        }
        return List.of(out);
    }

    private List<TextPrediction> run(TokenBatch subBatch) {
        try {
            return predictor.predict(subBatch);
        } catch (TranslateException e) {
            throw new IllegalStateException("Version " + version + " failed on a sub-batch of " + subBatch.size()
                    + " texts of up to " + subBatch.maxLength() + " tokens", e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        options.close();
        translator.close();
    }
}
