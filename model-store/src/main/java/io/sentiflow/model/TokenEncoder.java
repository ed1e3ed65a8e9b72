package io.sentiflow.model;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.List;

/**
 * The pretrained encoder: the {@link TextTokenizer} (the version's normalization, sequences capped at
 * {@link #MAX_TOKENS}) and the ONNX file on DJL's ONNX Runtime engine. Returns, per text, the
 * encoder's output vector of each real token ({@code [tokens][384]}, padding dropped).
 *
 * <p>Not thread safe (one DJL predictor); one instance per thread. The creator closes it, which
 * closes the tokenizer, the predictor and the ONNX Runtime session.
 */
public final class TokenEncoder implements AutoCloseable {

    /** Sequences are cut to this many tokens, [CLS] and [SEP] included. */
    public static final int MAX_TOKENS = 64;

    private final EncoderKind kind;
    private final TextTokenizer tokenizer;
    private final ZooModel<TokenBatch, List<float[][]>> model;
    private final Predictor<TokenBatch, List<float[][]>> predictor;

    private TokenEncoder(EncoderKind kind, TextTokenizer tokenizer, ZooModel<TokenBatch, List<float[][]>> model) {
        this.kind = kind;
        this.tokenizer = tokenizer;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    /**
     * Opens the encoder of {@code kind} with {@code intraOpThreads} ONNX Runtime threads (2 gave
     * about 1.5x over 1 here; threads times parallel instances should not exceed the cores), its
     * texts normalized by {@code normalization}.
     */
    public static TokenEncoder open(EncoderKind kind, int intraOpThreads, TextNormalization normalization) {
        return open(EncoderFiles.of(kind), intraOpThreads, normalization);
    }

    /**
     * Opens the encoder in {@code files}: the carrier's ({@link EncoderFiles#of}) or another
     * {@code .onnx} file of the same kind, such as a version's fine-tuned export.
     */
    public static TokenEncoder open(EncoderFiles files, int intraOpThreads, TextNormalization normalization) {
        EncoderKind kind = files.kind();
        String fileName = files.model().getFileName().toString();
        if (!fileName.endsWith(".onnx")) {
            throw new IllegalArgumentException("Encoder file " + files.model() + " is not an .onnx file");
        }
        TextTokenizer tokenizer = TextTokenizer.open(files.tokenizer(), normalization);
        Criteria<TokenBatch, List<float[][]>> criteria = Criteria.builder()
                .setTypes(TokenBatch.class, (Class<List<float[][]>>) (Class<?>) List.class)
                .optEngine("OnnxRuntime")
                .optModelPath(files.model().getParent())
                .optModelName(fileName.substring(0, fileName.length() - ".onnx".length()))
                .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                .optOption("interOpNumThreads", "1")
                .optTranslator(new TokenBatchTranslator())
                .build();
        try {
            return new TokenEncoder(kind, tokenizer, criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            tokenizer.close();
            throw new IllegalStateException("Cannot load encoder " + kind.id() + " from " + files.model(), e);
        }
    }

    public EncoderKind kind() {
        return kind;
    }

    /** How this encoder rewrites texts before tokenizing them. */
    public TextNormalization normalization() {
        return tokenizer.normalization();
    }

    /** Tokenizes {@code texts} (ids and real lengths), without running the encoder. */
    public TokenBatch tokenize(List<String> texts) {
        return tokenizer.tokenize(texts);
    }

    /** Per-token outputs of each text, in order: {@code result.get(i)[token][dimension]}. */
    public List<float[][]> encode(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return encodeTokens(tokenize(texts));
    }

    /** Runs the ONNX session alone on an already tokenized batch. */
    public List<float[][]> encodeTokens(TokenBatch batch) {
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new IllegalStateException("Encoder " + kind.id() + " failed on a batch of " + batch.size(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        tokenizer.close();
    }
}
