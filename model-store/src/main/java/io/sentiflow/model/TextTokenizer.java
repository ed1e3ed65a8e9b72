package io.sentiflow.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
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

    /**
     * One text's tokens as {@link #tokenize} gives them, each with the characters it covers in the
     * normalized text, for showing which words a score rests on.
     */
    public TokenSpans spans(String text) {
        String normalized = normalization.apply(text);
        Encoding encoding = tokenizer.encode(normalized);
        CharSpan[] spans = encoding.getCharTokenSpans();
        long[] special = encoding.getSpecialTokenMask();
        int[] starts = new int[spans.length];
        int[] ends = new int[spans.length];
        for (int t = 0; t < spans.length; t++) {
            boolean none = spans[t] == null || special[t] == 1;
            starts[t] = none ? -1 : utf16Offset(normalized, spans[t].getStart());
            ends[t] = none ? -1 : utf16Offset(normalized, spans[t].getEnd());
        }
        return new TokenSpans(normalized, encoding.getIds(), starts, ends);
    }

    /**
     * The tokenizer counts characters as code points; Java strings index UTF-16 units, which differ
     * after any character outside the Basic Multilingual Plane (emoji, common in posts).
     */
    private static int utf16Offset(String text, int codePoints) {
        int limit = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.min(codePoints, limit));
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
