package io.sentiflow.finetune;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op threads, set at run time (torch::set_num_threads may change between runs in one
 * JVM, so a benchmark can compare counts). Inter-op threads can only be set before the engine starts:
 * one, since the trainer never runs independent operators in parallel.
 */
final class ThreadSettings {

    private static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private ThreadSettings() {}

    static void apply(int intraOpThreads) {
        if (System.getProperty(INTEROP_PROPERTY) == null) {
            System.setProperty(INTEROP_PROPERTY, "1");
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(intraOpThreads);
    }
}
