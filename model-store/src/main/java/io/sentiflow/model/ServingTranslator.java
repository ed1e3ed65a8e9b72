package io.sentiflow.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything around the serving graph's one call: tokenizing ({@link #tokenize}, before the rows
 * are grouped by length), the padded int64 inputs of a sub-batch, and its two probability outputs
 * back to {@link TextPrediction}s. No NDArray leaves this class: they live on the context's manager,
 * which DJL's predictor closes after each call.
 *
 * <p>Not thread safe (one tokenizer); owned by one {@link MultiHeadModel}, which closes it.
 */
final class ServingTranslator implements NoBatchifyTranslator<TokenBatch, List<TextPrediction>>, AutoCloseable {

    private final TextTokenizer tokenizer;
    private final int topics;
    private final int sentiments;

    ServingTranslator(Path tokenizerFile, TextNormalization normalization, int topics, int sentiments) {
        this.tokenizer = TextTokenizer.open(tokenizerFile, normalization);
        this.topics = topics;
        this.sentiments = sentiments;
    }

    /** Token ids of each text, unpadded, normalized as the version was trained. */
    TokenBatch tokenize(List<String> texts) {
        return tokenizer.tokenize(texts);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch input) {
        return TokenBatchTranslator.encoderInputs(ctx.getNDManager(), input);
    }

    @Override
    public List<TextPrediction> processOutput(TranslatorContext ctx, NDList list) {
        float[] topic = probabilities(list, MultiHeadModel.TOPIC_OUTPUT, topics);
        float[] sentiment = probabilities(list, MultiHeadModel.SENTIMENT_OUTPUT, sentiments);
        int rows = topic.length / topics;
        List<TextPrediction> predictions = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            predictions.add(new TextPrediction(Arrays.copyOfRange(topic, row * topics, (row + 1) * topics),
                    Arrays.copyOfRange(sentiment, row * sentiments, (row + 1) * sentiments)));
        }
        return predictions;
    }

    /** One output's values, row-major {@code [rows, classes]}. */
    private static float[] probabilities(NDList list, String name, int classes) {
        NDArray output = list.get(name);
        if (output == null || output.getShape().dimension() != 2 || output.getShape().get(1) != classes) {
            throw new IllegalStateException("The serving graph returned " + (output == null ? "no " + name
                    : name + " of shape " + output.getShape()) + ", expected [rows, " + classes + "]");
        }
        return output.toFloatArray();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
