package io.sentiflow.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The served model: the pretrained encoder (one pass per text) feeding the Java {@link Heads}.
 * Texts are encoded in chunks of the batch size the version was trained with, padded to the
 * longest text of the chunk, as in training.
 *
 * <p>Not thread safe (one encoder session); one instance per thread. Owns the encoder and closes it.
 */
public final class MultiHeadModel implements ScoringModel {

    private final String version;
    private final TokenEncoder encoder;
    private final Heads heads;
    private final List<String> topicLabels;
    private final List<String> sentimentLabels;
    private final int batchSize;

    public MultiHeadModel(String version, TokenEncoder encoder, Heads heads, List<String> topicLabels,
            List<String> sentimentLabels, int batchSize) {
        if (topicLabels.size() != heads.dims().topics() || sentimentLabels.size() != heads.dims().sentiments()) {
            throw new IllegalArgumentException("Label counts " + topicLabels.size() + "/" + sentimentLabels.size()
                    + " do not match the heads " + heads.dims());
        }
        this.version = version;
        this.encoder = encoder;
        this.heads = heads;
        this.topicLabels = List.copyOf(topicLabels);
        this.sentimentLabels = List.copyOf(sentimentLabels);
        this.batchSize = batchSize;
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
        List<TextPrediction> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + batchSize));
            for (float[][] tokens : encoder.encode(chunk)) {
                out.add(heads.predict(tokens));
            }
        }
        return out;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
