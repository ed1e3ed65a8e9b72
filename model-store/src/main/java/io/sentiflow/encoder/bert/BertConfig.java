package io.sentiflow.encoder.bert;

/**
 * Sizes of a BERT encoder. {@link #MINILM_L6} is all-MiniLM-L6-v2, the pretrained encoder of every
 * Sentiflow version.
 *
 * @param layerNormEpsilon BERT's 1e-12; PyTorch's default 1e-5 changes the outputs measurably
 */
public record BertConfig(int vocabulary, int hidden, int layers, int heads, int intermediate, int maxPositions,
        int tokenTypes, float layerNormEpsilon) {

    public static final BertConfig MINILM_L6 = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12f);

    public BertConfig {
        if (vocabulary < 1 || hidden < 1 || layers < 1 || heads < 1 || intermediate < 1 || maxPositions < 1
                || tokenTypes < 1 || hidden % heads != 0 || !(layerNormEpsilon > 0)) {
            throw new IllegalArgumentException("Invalid BERT configuration: " + this);
        }
    }

    /** Width of one attention head. */
    public int headSize() {
        return hidden / heads;
    }
}
