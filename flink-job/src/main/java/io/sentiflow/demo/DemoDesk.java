package io.sentiflow.demo;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.desk.Desk;
import io.sentiflow.desk.DeskConfig;
import java.util.function.Consumer;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The risk desk for the length of a demo run: started on the demo's topics and store before the stream,
 * so the spike can be watched as it comes; stopped with the demo.
 */
final class DemoDesk implements AutoCloseable {

    private final Desk desk;
    private final Consumer<String> say;

    private DemoDesk(Desk desk, Consumer<String> say) {
        this.desk = desk;
        this.say = say;
    }

    /** @param conf the demo's keys: topics, model store and {@code sentiflow.desk.*} */
    static DemoDesk start(KafkaConnection connection, ReadableConfig conf, Consumer<String> say) {
        Desk desk = Desk.start(connection, DeskConfig.fromConfiguration(conf));
        say.accept("Risk desk: " + desk.address() + " (open it to watch the spike come, relabel texts, judge alerts)");
        return new DemoDesk(desk, say);
    }

    @Override
    public void close() {
        desk.close();
        say.accept("Risk desk stopped; `sentiflow desk` shows the same topics again");
    }
}
