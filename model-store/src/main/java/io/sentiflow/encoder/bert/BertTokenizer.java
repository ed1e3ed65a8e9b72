package io.sentiflow.encoder.bert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TokenEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder's HuggingFace tokenizer with the serving path's settings (truncation at
 * {@link TokenEncoder#MAX_TOKENS}, no padding), without opening an ONNX Runtime session, for
 * training the encoder on DJL. Not thread safe; the creator closes it.
 */
public final class BertTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private BertTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static BertTokenizer open(EncoderKind kind) {
        EncoderFiles files = EncoderFiles.of(kind);
        try {
            return new BertTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optMaxLength(TokenEncoder.MAX_TOKENS)
                    .optTruncation(true)
                    .optPadding(false)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load tokenizer " + files.tokenizer(), e);
        }
    }

    /** Token ids of each text, [CLS] and [SEP] included, unpadded. */
    public List<long[]> tokenize(List<String> texts) {
        List<long[]> ids = new ArrayList<>(texts.size());
        for (Encoding encoding : tokenizer.batchEncode(texts)) {
            ids.add(encoding.getIds());
        }
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
