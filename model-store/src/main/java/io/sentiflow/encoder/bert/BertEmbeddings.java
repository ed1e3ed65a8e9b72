package io.sentiflow.encoder.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BERT's input layer: word + position + token-type embeddings, then LayerNorm. Input
 * {@code (ids [B, T], typeIds [B, T])} as int64; output {@code [B, T, hidden]}. Positions count
 * from 0 in every row, as in the ONNX graph (padding sits at the end of a row).
 */
final class BertEmbeddings extends LoadedBlock {

    private final Parameter words;
    private final Parameter positions;
    private final Parameter tokenTypes;
    private final Norm norm;
    private final int hidden;

    BertEmbeddings(BertWeights weights, BertConfig config) {
        this.hidden = config.hidden();
        this.words = addParameter(weights.parameter("embeddings.word_embeddings.weight", Parameter.Type.WEIGHT,
                config.vocabulary(), hidden));
        this.positions = addParameter(weights.parameter("embeddings.position_embeddings.weight",
                Parameter.Type.WEIGHT, config.maxPositions(), hidden));
        this.tokenTypes = addParameter(weights.parameter("embeddings.token_type_embeddings.weight",
                Parameter.Type.WEIGHT, config.tokenTypes(), hidden));
        this.norm = addChildBlock("LayerNorm", new Norm(weights, "embeddings.LayerNorm", hidden,
                config.layerNormEpsilon()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray typeIds = inputs.get(1);
        long width = ids.getShape().get(1);
        NDArray word = Embedding.embedding(ids, store.getValue(words, ids.getDevice(), training), SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray type = Embedding.embedding(typeIds, store.getValue(tokenTypes, ids.getDevice(), training),
                SparseFormat.DENSE).singletonOrThrow();
        NDArray position = store.getValue(positions, ids.getDevice(), training).get(new NDIndex("0:{}", width));
        return norm.forward(store, new NDList(word.add(type).add(position)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(hidden)};
    }
}
