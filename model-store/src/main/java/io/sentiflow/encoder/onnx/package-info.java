/**
 * The pretrained MiniLM encoder's ONNX files as weights: {@link io.sentiflow.encoder.onnx.OnnxWeights}
 * reads the fp32 file's weights by HuggingFace name (to build and fine-tune the encoder in DJL), and
 * {@link io.sentiflow.encoder.onnx.OnnxExport} writes fine-tuned weights back into copies of the fp32
 * and int8 graphs, which a model version carries as {@code encoder-fp32.onnx} and
 * {@code encoder-int8.onnx} and is served with ({@link io.sentiflow.store.ModelStore#load}).
 *
 * <p>The files are read and written field by field with the protobuf runtime (no generated ONNX
 * classes, no Python): a writer copies every byte it does not replace.
 */
package io.sentiflow.encoder.onnx;
