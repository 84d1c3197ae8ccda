package dev.wrapup.bot.demo;

import static dev.wrapup.bot.slack.shapes.WebApiAnswers.error;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.slack.shapes.FormBody;
import dev.wrapup.bot.slack.shapes.WebApiAnswers;
import dev.wrapup.bot.slack.shapes.Workspace;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Slack stand-in for the demo, on 127.0.0.1: answers the Web API methods the bot calls with a
 * little state (users, channels, members), shows each call in the {@link Transcript}, and plays
 * Slack's sign-in by approving every browser as the demo user. Nothing here reaches Slack.
 */
final class SlackStandIn implements AutoCloseable {
    static final String LABEL = "Slack stand-in: nothing here reaches Slack";
    static final String TEAM_ID = "T0DEMO";
    static final String BOT_USER_ID = "U0WRAPUP";
    static final String CLIENT_ID = "demo.client";

    /** The demo workspace, as the story's requests to the bot name it. */
    static final Workspace WORKSPACE = new Workspace(TEAM_ID, "demo");

    /** One Web API call as the bot sent it. */
    record Call(String method, Map<String, String> params) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    /** A person (or bot) of the demo workspace. */
    record Person(String id, String name, String tz, int tzOffset, boolean bot) {}

    private final Gson gson = new Gson();
    private final String clientSecret;
    private final Transcript transcript;
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final Map<String, String> channelNames = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    private final Map<String, Person> grants = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final AtomicLong lastTs = new AtomicLong();
    private volatile Instant lastCall = Instant.now();
    private final Person signsIn;
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    SlackStandIn(String clientSecret, Person signsIn, Transcript transcript) throws Exception {
        this.clientSecret = clientSecret;
        this.signsIn = signsIn;
        this.transcript = transcript;
        transcript.readingNamesFrom(this);
        people.put(BOT_USER_ID, new Person(BOT_USER_ID, "Wrapup", "UTC", 0, true));
        people.put(signsIn.id(), signsIn);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Api()), "/api/*");
        context.addServlet(new ServletHolder(new Upload()), "/upload/*");
        context.addServlet(new ServletHolder(new Authorize()), "/openid/connect/authorize");
        server.setHandler(context);
        server.start();
    }

    String apiUrl() {
        return base() + "/api/";
    }

    String authorizeUrl() {
        return base() + "/openid/connect/authorize";
    }

    private String base() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    void addPerson(Person person) {
        people.put(person.id(), person);
    }

    void addChannel(String id, String name, List<String> memberIds) {
        channelNames.put(id, name);
        members.put(id, new CopyOnWriteArrayList<>(memberIds));
    }

    void join(String channelId, String userId) {
        members.get(channelId).add(userId);
    }

    /** The id of the channel with this name. */
    String channelId(String name) {
        return channelNames.entrySet().stream()
                .filter(e -> e.getValue().equals(name))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no channel #" + name));
    }

    String name(String userId) {
        Person p = people.get(userId);
        return p == null ? userId : p.name();
    }

    /** "#name" for a channel, "DM to Name" for a direct message. */
    String where(String channel) {
        if (channel.startsWith("D") && people.containsKey(channel.substring(1))) {
            return "DM to " + name(channel.substring(1));
        }
        if (people.containsKey(channel)) {
            return "DM to " + name(channel);
        }
        return "#" + channelNames.getOrDefault(channel, channel);
    }

    /** A Slack-style message ts: now, strictly increasing. */
    String nextTs() {
        Instant now = Instant.now();
        long micros =
                lastTs.updateAndGet(
                        last ->
                                Math.max(
                                        last + 1,
                                        now.getEpochSecond() * 1_000_000L + now.getNano() / 1000));
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }

    /** Waits for the bot to make a matching call; fails the story after the timeout. */
    Call await(String method, Predicate<Call> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Call> found =
                    calls.stream()
                            .filter(c -> c.method().equals(method) && matching.test(c))
                            .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            pause(50);
        }
        throw new IllegalStateException(
                "the bot made no matching " + method + " within " + timeout);
    }

    /** Waits until the bot has made no call for a moment, so that the transcript reads in order. */
    void settle() {
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline)
                && lastCall.isAfter(Instant.now().minusMillis(400))) {
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Api extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp)
                throws IOException {
            String method = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
            String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            if (req.getQueryString() != null) {
                params.putAll(form(req.getQueryString()));
            }
            String type = req.getContentType() == null ? "" : req.getContentType();
            if (type.startsWith("application/json") && !body.isBlank()) {
                JsonParser.parseString(body)
                        .getAsJsonObject()
                        .entrySet()
                        .forEach(
                                e ->
                                        params.put(
                                                e.getKey(),
                                                e.getValue().isJsonPrimitive()
                                                        ? e.getValue().getAsString()
                                                        : e.getValue().toString()));
            } else if (!body.isEmpty()) {
                params.putAll(form(body));
            }
            String auth = req.getHeader("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                params.put("token", auth.substring(7));
            } else if (auth != null && auth.startsWith("Basic ")) {
                String[] credentials =
                        new String(
                                        Base64.getDecoder().decode(auth.substring(6)),
                                        StandardCharsets.UTF_8)
                                .split(":", 2);
                params.put("client_id", credentials[0]);
                params.put("client_secret", credentials.length > 1 ? credentials[1] : "");
            }
            Call call = new Call(method, Map.copyOf(params));
            JsonObject answer = answer(call);
            answer.addProperty("stand_in", LABEL);
            calls.add(call);
            lastCall = Instant.now();
            transcript.show(call);
            resp.setStatus(200);
            resp.setHeader("X-Slack-Stand-In", LABEL);
            resp.setContentType("application/json; charset=utf-8");
            resp.getWriter().write(gson.toJson(answer));
        }
    }

    /** Where files.getUploadURLExternal sends the bytes. */
    private final class Upload extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] bytes = req.getInputStream().readAllBytes();
            transcript.uploaded(
                    req.getPathInfo() == null ? "" : req.getPathInfo().substring(1),
                    new String(bytes, StandardCharsets.UTF_8));
            resp.setHeader("X-Slack-Stand-In", LABEL);
            resp.getWriter().write("OK - " + bytes.length);
        }
    }

    /** Slack's sign-in page, approving at once as the demo user. */
    private final class Authorize extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Map<String, String> params =
                    req.getQueryString() == null ? Map.of() : form(req.getQueryString());
            String redirectUri = params.get("redirect_uri");
            resp.setHeader("X-Slack-Stand-In", LABEL);
            if (!CLIENT_ID.equals(params.get("client_id")) || redirectUri == null) {
                resp.sendError(400, "invalid_request (" + LABEL + ")");
                return;
            }
            String code = "code-" + ids.incrementAndGet();
            grants.put(code, signsIn);
            resp.sendRedirect(
                    redirectUri
                            + "?code="
                            + code
                            + "&state="
                            + URLEncoder.encode(
                                    params.getOrDefault("state", ""), StandardCharsets.UTF_8));
        }
    }

    private JsonObject answer(Call call) {
        String channel = call.param("channel");
        JsonObject o = WebApiAnswers.ok();
        switch (call.method()) {
            case "auth.test" -> {
                return WebApiAnswers.authTest(
                        "https://demo.invalid/",
                        "Demo workspace",
                        TEAM_ID,
                        BOT_USER_ID,
                        "B0WRAPUP");
            }
            case "chat.postMessage", "chat.update", "chat.postEphemeral" -> {
                String ts = call.method().equals("chat.update") ? call.param("ts") : nextTs();
                o.addProperty("channel", channel);
                o.addProperty(call.method().equals("chat.postEphemeral") ? "message_ts" : "ts", ts);
            }
            case "chat.getPermalink" ->
                    o.addProperty(
                            "permalink",
                            "https://demo.invalid/archives/"
                                    + channel
                                    + "/p"
                                    + call.param("message_ts").replace(".", ""));
            case "conversations.create" -> {
                String id = "C0INC" + ids.incrementAndGet();
                addChannel(id, call.param("name"), List.of(BOT_USER_ID));
                o.add("channel", channel(id));
            }
            case "conversations.invite" -> {
                for (String user : call.param("users").split(",")) {
                    if (!members.get(channel).contains(user)) {
                        join(channel, user);
                    }
                }
                o.add("channel", channel(channel));
            }
            case "conversations.join", "conversations.info" -> {
                if (!channelNames.containsKey(channel)) {
                    return error("channel_not_found");
                }
                o.add("channel", channel(channel));
            }
            case "conversations.members" -> {
                o.add("members", gson.toJsonTree(members.getOrDefault(channel, List.of())));
                o.add("response_metadata", gson.toJsonTree(Map.of("next_cursor", "")));
            }
            case "conversations.history", "conversations.replies" -> {
                o.add("messages", new JsonArray());
                o.addProperty("has_more", false);
                o.add("response_metadata", gson.toJsonTree(Map.of("next_cursor", "")));
            }
            case "conversations.open" -> {
                JsonObject c = new JsonObject();
                c.addProperty("id", "D" + call.param("users"));
                o.add("channel", c);
            }
            case "views.open", "views.push", "views.update" -> {
                JsonObject view = new JsonObject();
                view.addProperty("id", "V" + ids.incrementAndGet());
                o.add("view", view);
            }
            case "users.info" -> {
                Person p = people.get(call.param("user"));
                if (p == null) {
                    return error("user_not_found");
                }
                o.add(
                        "user",
                        WebApiAnswers.user(
                                TEAM_ID,
                                p.id(),
                                p.name(),
                                p.name(),
                                p.tz(),
                                p.tzOffset(),
                                p.bot()));
            }
            case "bots.info" -> {
                String id = call.param("bot");
                JsonObject bot = new JsonObject();
                bot.addProperty("id", id);
                bot.addProperty("deleted", false);
                bot.addProperty("name", name(id));
                bot.addProperty("app_id", "A0" + id);
                bot.addProperty("user_id", "U" + id);
                o.add("bot", bot);
            }
            case "usergroups.users.list" -> o.add("users", new JsonArray());
            case "files.getUploadURLExternal" -> {
                String fileId = "F" + ids.incrementAndGet();
                o.addProperty("upload_url", base() + "/upload/" + fileId);
                o.addProperty("file_id", fileId);
            }
            case "files.completeUploadExternal" ->
                    o.add(
                            "files",
                            JsonParser.parseString(call.params().getOrDefault("files", "[]")));
            case "openid.connect.token" -> {
                Person who = grants.remove(call.param("code"));
                if (!CLIENT_ID.equals(call.param("client_id"))
                        || !clientSecret.equals(call.param("client_secret"))
                        || who == null) {
                    return error("invalid_code");
                }
                String token = "xoxp-demo-" + ids.incrementAndGet();
                grants.put(token, who);
                return WebApiAnswers.openIdToken(token);
            }
            case "openid.connect.userInfo" -> {
                Person who = grants.get(call.param("token"));
                if (who == null) {
                    return error("invalid_auth");
                }
                return WebApiAnswers.openIdUserInfo(who.id(), TEAM_ID, who.name());
            }
            default -> {
                // pins, topics, purposes, reactions, Home tabs, file deletions: done, nothing to
                // keep.
            }
        }
        return o;
    }

    private JsonObject channel(String id) {
        return WebApiAnswers.channel(id, channelNames.get(id), false, Instant.now());
    }

    private static Map<String, String> form(String body) {
        return FormBody.parse(body);
    }
}
