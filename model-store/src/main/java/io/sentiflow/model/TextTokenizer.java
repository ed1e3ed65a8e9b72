package io.sentiflow.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The encoder's HuggingFace tokenizer as every path runs it (serving, training, fine-tuning, the
 * learner, benchmarks): the version's {@link TextNormalization} first, then word pieces with
 * [CLS] and [SEP], truncated at {@link TokenEncoder#MAX_TOKENS}, unpadded.
 *
 * <p>Not thread safe (one native tokenizer); the creator closes it.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final TextNormalization normalization;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, TextNormalization normalization) {
        this.tokenizer = tokenizer;
        this.normalization = normalization;
    }

    /** The tokenizer of the carrier jar's encoder of {@code kind}. */
    public static TextTokenizer open(EncoderKind kind, TextNormalization normalization) {
        return open(EncoderFiles.of(kind).tokenizer(), normalization);
    }

    public static TextTokenizer open(Path tokenizerFile, TextNormalization normalization) {
        Objects.requireNonNull(normalization, "normalization");
        try {
            return new TextTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optMaxLength(TokenEncoder.MAX_TOKENS)
                    .optTruncation(true)
                    .optPadding(false)
                    .build(), normalization);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load tokenizer " + tokenizerFile, e);
        }
    }

    public TextNormalization normalization() {
        return normalization;
    }

    /** Token ids of each text, in order. */
    public TokenBatch tokenize(List<String> texts) {
        List<String> normalized = new ArrayList<>(texts.size());
        for (String text : texts) {
            normalized.add(normalization.apply(text));
        }
        List<long[]> ids = new ArrayList<>(texts.size());
        for (Encoding encoding : tokenizer.batchEncode(normalized)) {
            ids.add(encoding.getIds());
        }
        return new TokenBatch(ids);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
