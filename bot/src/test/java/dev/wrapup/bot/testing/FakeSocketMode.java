package dev.wrapup.bot.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode end: says hello to each connection (a bot holds one, each replica its own),
 * sends every envelope to one of them in turn, and keeps their acks. Told to, it loses some acks on
 * the way and, as Slack does with events, delivers an envelope not acknowledged in time again, to
 * another connection, with {@code retry_attempt} counting up.
 */
public final class FakeSocketMode extends WebSocketServer implements AutoCloseable {
    /** Slack delivers an event at most this many times in all. */
    private static final int MAX_DELIVERIES = 4;

    /** One delivery of an envelope: its id on the wire, and the connection it went to. */
    public record Delivery(String envelopeId, String original, int attempt, WebSocket connection) {}

    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> bots = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final List<Delivery> redelivered = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile Duration redeliverAfter;
    private volatile Predicate<JsonObject> losing = e -> false;

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

    /**
     * Events ({@code events_api} envelopes) not acknowledged within the time are delivered again,
     * to another connection where there is one, as Slack retries them.
     */
    public void redeliverAfter(Duration wait) {
        redeliverAfter = wait;
    }

    /** The ack of a first delivery that matches (the envelope as sent) never arrives. */
    public void loseAcks(Predicate<JsonObject> firstDelivery) {
        losing = firstDelivery;
    }

    /** Waits until this many connections are open. */
    public void awaitConnections(int count) {
        Poll.until(
                count + " Socket Mode connections",
                () -> bots.size() >= count,
                Duration.ofSeconds(60));
    }

    /** Sends an envelope, once a bot is connected, to the next connection in turn. */
    public void send(JsonObject envelope) {
        Poll.until(
                "the bot to connect over Socket Mode",
                () -> !bots.isEmpty(),
                Duration.ofSeconds(15));
        deliver(envelope, envelope.get("envelope_id").getAsString(), 0, null);
    }

    private void deliver(JsonObject envelope, String original, int attempt, WebSocket previous) {
        List<WebSocket> open = List.copyOf(bots);
        if (open.isEmpty()) {
            return;
        }
        WebSocket to = open.get(Math.floorMod(turn.getAndIncrement(), open.size()));
        if (to == previous && open.size() > 1) {
            to = open.get((open.indexOf(to) + 1) % open.size());
        }
        JsonObject sent = envelope.deepCopy();
        String id = attempt == 0 ? original : original + "-retry" + attempt;
        sent.addProperty("envelope_id", id);
        if (attempt > 0) {
            sent.addProperty("retry_attempt", attempt);
            sent.addProperty("retry_reason", "timeout");
        }
        Delivery delivery = new Delivery(id, original, attempt, to);
        deliveries.put(id, delivery);
        if (attempt == 0 && losing.test(sent)) {
            lost.add(id);
        } else if (attempt > 0) {
            redelivered.add(delivery);
        }
        to.send(sent.toString());
        Duration wait = redeliverAfter;
        if (wait != null
                && "events_api".equals(envelope.get("type").getAsString())
                && attempt + 1 < MAX_DELIVERIES) {
            WebSocket went = to;
            timer.schedule(
                    () -> {
                        if (!acked.contains(id)) {
                            deliver(envelope, original, attempt + 1, went);
                        }
                    },
                    wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for the bot's ack of an envelope (of any of its deliveries). */
    public JsonObject awaitAck(String envelopeId) {
        return Poll.value(
                "ack of " + envelopeId,
                () ->
                        received.stream()
                                .filter(
                                        m ->
                                                m.has("envelope_id")
                                                        && envelopeId.equals(
                                                                original(
                                                                        m.get("envelope_id")
                                                                                .getAsString())))
                                .findFirst()
                                .orElse(null),
                m -> m != null,
                Duration.ofSeconds(15));
    }

    /** The acks that arrived (lost ones are not among them), as the bots sent them. */
    public List<JsonObject> acks() {
        return List.copyOf(received);
    }

    /** The deliveries whose ack was lost on the way. */
    public Set<String> lostAcks() {
        return Set.copyOf(lost);
    }

    /** Deliveries after the first, each to another connection than the one before. */
    public List<Delivery> redeliveries() {
        return List.copyOf(redelivered);
    }

    private String original(String envelopeId) {
        Delivery d = deliveries.get(envelopeId);
        return d == null ? envelopeId : d.original();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        bots.add(conn);
        conn.send(
                "{\"type\":\"hello\",\"num_connections\":"
                        + bots.size()
                        + ",\"debug_info\":{\"host\":\"fake\"},"
                        + "\"connection_info\":{\"app_id\":\"A0WRAPUP\"}}");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        bots.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonObject ack = JsonParser.parseString(message).getAsJsonObject();
        if (ack.has("envelope_id")) {
            String id = ack.get("envelope_id").getAsString();
            if (lost.contains(id)) {
                return; // lost on the way: Slack never sees it
            }
            acked.add(id);
        }
        received.add(ack);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        stop(1000);
    }
}
