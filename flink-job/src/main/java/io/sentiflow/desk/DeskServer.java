package io.sentiflow.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/**
 * The desk's web server (Javalin on Jetty): the page and its script from this jar, uPlot from its
 * WebJar (so nothing is fetched from the internet), the JSON API ({@link DeskApi}) and the stream of
 * overview events ({@link DeskEvents}). {@link #close()} stops it.
 */
final class DeskServer implements AutoCloseable {

    static final String PAGE = "/io/sentiflow/desk/web";

    private final Javalin app;
    private final DeskEvents events;
    private final String host;

    private DeskServer(Javalin app, DeskEvents events, String host) {
        this.app = app;
        this.events = events;
        this.host = host;
    }

    static DeskServer start(DeskConfig config, DeskState state, DeskActions actions, AttentionReader attention) {
        ObjectMapper json = new ObjectMapper();
        DeskEvents events = new DeskEvents(state, json);
        DeskApi api = new DeskApi(state, actions, attention);
        String page = DeskPage.html();
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jsonMapper(new JavalinJackson(json, false));
            // Compression buffers: an event stream must reach the page as each event is written.
            javalin.http.compressionStrategy = CompressionStrategy.NONE;
            javalin.staticFiles.add(PAGE, Location.CLASSPATH);
            javalin.staticFiles.enableWebjars();
            javalin.routes.get("/", ctx -> ctx.html(page));
            javalin.routes.get("/api/overview", api::overview);
            javalin.routes.get("/api/keys/{kind}/{key}", api::key);
            javalin.routes.get("/api/alerts/{id}", api::alert);
            javalin.routes.post("/api/labels", api::relabel);
            javalin.routes.post("/api/verdicts", api::judge);
            javalin.routes.sse("/api/events", events::connect);
        });
        app.start(config.host(), config.port());
        events.start();
        return new DeskServer(app, events, config.host());
    }

    int port() {
        return app.port();
    }

    /** The page's address, with the port bound. */
    String address() {
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    @Override
    public void close() throws InterruptedException {
        events.close();
        app.stop();
    }
}
