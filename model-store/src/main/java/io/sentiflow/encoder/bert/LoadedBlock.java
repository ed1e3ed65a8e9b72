package io.sentiflow.encoder.bert;

import ai.djl.nn.AbstractBlock;

/**
 * A block whose parameters are set from weights when it is built: DJL's shape inference and
 * initializers never run (DJL would otherwise treat a block that has not seen input shapes as
 * uninitialized and try to initialize it on its first training forward pass).
 */
abstract class LoadedBlock extends AbstractBlock {

    @Override
    public boolean isInitialized() {
        return true;
    }
}
