package dev.wrapup.bot.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** Slack's Socket Mode end: says hello to the bot, sends it envelopes, and keeps its acks. */
public final class FakeSocketMode extends WebSocketServer implements AutoCloseable {
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile WebSocket bot;

    public FakeSocketMode() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("WebSocket server did not start");
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link";
    }

    /** Sends an envelope once the bot is connected. */
    public void send(JsonObject envelope) {
        Poll.until(
                "the bot to connect over Socket Mode", () -> bot != null, Duration.ofSeconds(15));
        bot.send(envelope.toString());
    }

    /** Waits for the bot's ack of an envelope. */
    public JsonObject awaitAck(String envelopeId) {
        return Poll.value(
                "ack of " + envelopeId,
                () ->
                        received.stream()
                                .filter(
                                        m ->
                                                m.has("envelope_id")
                                                        && m.get("envelope_id")
                                                                .getAsString()
                                                                .equals(envelopeId))
                                .findFirst()
                                .orElse(null),
                m -> m != null,
                Duration.ofSeconds(15));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send(
                "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                        + "\"connection_info\":{\"app_id\":\"A0WRAPUP\"}}");
        bot = conn;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn == bot) {
            bot = null;
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
