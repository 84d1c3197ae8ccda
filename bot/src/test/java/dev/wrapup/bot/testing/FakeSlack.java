package dev.wrapup.bot.testing;

import static dev.wrapup.bot.slack.shapes.WebApiAnswers.error;
import static dev.wrapup.bot.slack.shapes.WebApiAnswers.ok;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A fake Slack Web API on 127.0.0.1: answers the methods Wrapup calls the way Slack does, keeps a
 * little state (channels, members, users, messages), records every call and can be told to fail a
 * method with 429 + Retry-After or 500.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TEAM_ID = "T0TEAM";
    public static final String BOT_USER_ID = "U0WRAPUP";
    public static final String BOT_ID = "B0WRAPUP";

    /** The workspace the tests' requests to the bot come from. */
    public static final Workspace WORKSPACE = new Workspace(TEAM_ID, "fake");

    /** The app credentials Sign in with Slack must present. */
    public static final String CLIENT_ID = "1111.2222";

    public static final String CLIENT_SECRET = "fake-client-secret";

    /** Who the next sign-in at the authorize endpoint is, as if they had chosen to sign in. */
    public record SignedIn(String userId, String teamId, String name) {}

    /** A code the authorize endpoint issued, until openid.connect.token takes it. */
    private record Grant(SignedIn who, String redirectUri) {}

    /** One Web API call as received. */
    public record ApiRequest(String method, Map<String, String> params, String token, Instant at) {
        public String param(String name) {
            return params.get(name);
        }

        /** A JSON parameter (blocks, view, …) as plain JSON text, without Gson's HTML escaping. */
        public String jsonText(String name) {
            JsonElement json = json(name);
            return json == null ? "" : json.toString();
        }

        public JsonElement json(String name) {
            String value = params.get(name);
            return value == null ? null : JsonParser.parseString(value);
        }
    }

    /** A user as users.info describes them. */
    public record User(
            String id, String displayName, String realName, String tz, int tzOffset, boolean bot) {}

    private record Fault(int status, int times, int retryAfterSeconds) {}

    /** Every matching call is answered 429 with the Retry-After, until {@link #recover()}. */
    private record RateLimit(Predicate<ApiRequest> matching, int retryAfterSeconds) {}

    private final Gson gson = new Gson();
    private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
    private final List<ApiRequest> succeeded = new CopyOnWriteArrayList<>();
    private final List<RateLimit> rateLimits = new CopyOnWriteArrayList<>();
    private volatile Predicate<ApiRequest> held = c -> false;
    private volatile CountDownLatch release = new CountDownLatch(0);
    private final Map<String, Function<ApiRequest, JsonObject>> answers = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> channels = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    private final Map<String, List<JsonObject>> history = new ConcurrentHashMap<>();
    private final Map<String, List<String>> usergroups = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, SignedIn> accessTokens = new ConcurrentHashMap<>();
    private volatile SignedIn signingIn;
    private final Clock time;
    private final AtomicLong clock;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Server server;
    private final ServerConnector connector;
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";

    public FakeSlack() throws Exception {
        this(Clock.systemUTC());
    }

    /** A Slack whose timestamps follow the given clock, as the bot's moved clock does. */
    public FakeSlack(Clock time) throws Exception {
        this.time = time;
        this.clock = new AtomicLong(time.instant().getEpochSecond() * 1_000_000L);
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Api()), "/api/*");
        context.addServlet(new ServletHolder(new Upload()), "/upload/*");
        context.addServlet(new ServletHolder(new Authorize()), "/openid/connect/authorize");
        server.setHandler(context);
        server.start();
        addUser(new User(BOT_USER_ID, "wrapup", "Wrapup", "UTC", 0, true));
    }

    /** The base to give Wrapup as SLACK_API_URL. */
    public String apiUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/api/";
    }

    /** Where browsers sign in, for WRAPUP_SLACK_AUTHORIZE_URL. */
    public String authorizeUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/openid/connect/authorize";
    }

    /**
     * From now on, a browser sent to {@link #authorizeUrl()} comes back signed in as this person;
     * null makes them decline.
     */
    public void signInAs(String userId, String teamId, String name) {
        signingIn = userId == null ? null : new SignedIn(userId, teamId, name);
    }

    public void addUser(User user) {
        users.put(user.id(), user);
    }

    public void addUser(String id, String displayName, String tz, int tzOffset) {
        addUser(new User(id, displayName, displayName, tz, tzOffset, false));
    }

    /** A channel that exists in the workspace, with its members. */
    public void addChannel(String id, String name, boolean isPrivate, String... memberIds) {
        channels.put(id, WebApiAnswers.channel(id, name, isPrivate, time.instant()));
        members.put(id, new CopyOnWriteArrayList<>(List.of(memberIds)));
    }

    /** The user joins the channel, as far as conversations.members is concerned. */
    public void join(String channelId, String userId) {
        members.get(channelId).add(userId);
    }

    public boolean hasChannel(String id) {
        return channels.containsKey(id);
    }

    public List<String> members(String channelId) {
        return List.copyOf(members.getOrDefault(channelId, List.of()));
    }

    /**
     * A message conversations.history will return for the channel (newest first, as Slack does).
     */
    public void addHistory(String channelId, JsonObject message) {
        history.computeIfAbsent(channelId, k -> new CopyOnWriteArrayList<>()).add(message);
    }

    public void addUsergroup(String id, String... userIds) {
        usergroups.put(id, List.of(userIds));
    }

    public void setSocketModeUrl(String url) {
        socketModeUrl = url;
    }

    /** Replaces the answer to a method. */
    public void answer(String method, Function<ApiRequest, JsonObject> answer) {
        answers.put(method, answer);
    }

    /**
     * The next {@code times} calls to the method get HTTP {@code status} (429 with Retry-After).
     */
    public void fail(String method, int status, int times, int retryAfterSeconds) {
        faults.put(method, new Fault(status, times, retryAfterSeconds));
    }

    /**
     * From now on every call that matches is answered HTTP 429 with the Retry-After (and recorded
     * like any other), until {@link #recover()}.
     */
    public void rateLimit(Predicate<ApiRequest> matching, int retryAfterSeconds) {
        rateLimits.add(new RateLimit(matching, retryAfterSeconds));
    }

    /**
     * Every call, whatever the method, is answered 429 with the Retry-After until {@link
     * #recover()}.
     */
    public void rateLimitEverything(int retryAfterSeconds) {
        rateLimit(c -> true, retryAfterSeconds);
    }

    /**
     * Calls that match get their answer only at {@link #release()} (or after 30 s): a Slack slow to
     * answer, so that the bot is caught in the middle of a request.
     */
    public void hold(Predicate<ApiRequest> matching) {
        release = new CountDownLatch(1);
        held = matching;
    }

    /** The calls held are answered, and no more are held. */
    public void release() {
        held = c -> false;
        release.countDown();
    }

    /** Slack is itself again: the rate limits are lifted. */
    public void recover() {
        rateLimits.clear();
    }

    public List<ApiRequest> requests() {
        return Collections.unmodifiableList(requests);
    }

    /** The requests Slack carried out: answered 200 with ok=true. */
    public List<ApiRequest> succeeded() {
        return List.copyOf(succeeded);
    }

    /** The requests for the method that Slack carried out. */
    public List<ApiRequest> succeeded(String method) {
        return succeeded.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<ApiRequest> requests(String method) {
        return requests.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits for a call to the method that matches; fails the test after the deadline. */
    public ApiRequest await(String method, Predicate<ApiRequest> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ApiRequest call : requests) {
                if (call.method().equals(method) && matching.test(call)) {
                    return call;
                }
            }
            Poll.pause();
        }
        throw new AssertionError(
                "no "
                        + method
                        + " call matched within "
                        + timeout
                        + "; requests were: "
                        + requests.stream().map(c -> c.method() + c.params()).toList());
    }

    public ApiRequest await(String method, Predicate<ApiRequest> matching) {
        return await(method, matching, Duration.ofSeconds(10));
    }

    /** A Slack-style message ts: now, and strictly increasing. */
    public String nextTs() {
        Instant now = time.instant();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        long micros = clock.updateAndGet(last -> Math.max(last + 1, nowMicros));
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }

    private String nextId(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Api extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            handle(req, resp);
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            handle(req, resp);
        }

        private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String method = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
            String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            if (req.getQueryString() != null) {
                params.putAll(form(req.getQueryString()));
            }
            String type = req.getContentType() == null ? "" : req.getContentType();
            if (type.startsWith("application/json")) {
                JsonObject json = JsonParser.parseString(body).getAsJsonObject();
                json.entrySet()
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
            String token =
                    auth != null && auth.startsWith("Bearer ")
                            ? auth.substring(7)
                            : params.get("token");
            if (auth != null && auth.startsWith("Basic ")) {
                // App credentials, as openid.connect.token and oauth.v2.access take them.
                String[] credentials =
                        new String(
                                        Base64.getDecoder().decode(auth.substring(6)),
                                        StandardCharsets.UTF_8)
                                .split(":", 2);
                params.put("client_id", credentials[0]);
                params.put("client_secret", credentials.length > 1 ? credentials[1] : "");
            }
            ApiRequest call =
                    new ApiRequest(
                            method, Collections.unmodifiableMap(params), token, time.instant());
            requests.add(call);
            if (held.test(call)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            RateLimit limit =
                    rateLimits.stream()
                            .filter(r -> r.matching().test(call))
                            .findFirst()
                            .orElse(null);
            if (limit != null) {
                resp.setStatus(429);
                resp.setHeader("Retry-After", Integer.toString(limit.retryAfterSeconds()));
                resp.setContentType("application/json");
                resp.getWriter().write("{\"ok\":false,\"error\":\"ratelimited\"}");
                return;
            }
            Fault fault = faults.get(method);
            if (fault != null && fault.times() > 0) {
                faults.put(
                        method,
                        new Fault(fault.status(), fault.times() - 1, fault.retryAfterSeconds()));
                resp.setStatus(fault.status());
                if (fault.status() == 429) {
                    resp.setHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
                }
                resp.setContentType("application/json");
                resp.getWriter()
                        .write(
                                fault.status() == 429
                                        ? "{\"ok\":false,\"error\":\"ratelimited\"}"
                                        : "");
                return;
            }
            JsonObject answer;
            Function<ApiRequest, JsonObject> custom = answers.get(method);
            answer = custom != null ? custom.apply(call) : defaultAnswer(call);
            if (answer.has("ok") && answer.get("ok").getAsBoolean()) {
                succeeded.add(call);
            }
            resp.setStatus(200);
            resp.setContentType("application/json; charset=utf-8");
            resp.getWriter().write(gson.toJson(answer));
        }
    }

    /**
     * Slack's sign-in page, as a browser meets it: checks the app and sends the browser straight
     * back to the redirect URI with a code for whoever {@link #signInAs} chose, and the state.
     */
    private final class Authorize extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Map<String, String> params =
                    req.getQueryString() == null ? Map.of() : form(req.getQueryString());
            requests.add(
                    new ApiRequest(
                            "openid.connect.authorize",
                            Collections.unmodifiableMap(params),
                            null,
                            time.instant()));
            String redirectUri = params.get("redirect_uri");
            if (!CLIENT_ID.equals(params.get("client_id"))
                    || redirectUri == null
                    || !"code".equals(params.get("response_type"))) {
                resp.sendError(400, "invalid_request");
                return;
            }
            String state =
                    URLEncoder.encode(params.getOrDefault("state", ""), StandardCharsets.UTF_8);
            SignedIn who = signingIn;
            if (who == null) {
                resp.sendRedirect(redirectUri + "?error=access_denied&state=" + state);
                return;
            }
            String code = nextId("code-");
            grants.put(code, new Grant(who, redirectUri));
            resp.sendRedirect(redirectUri + "?code=" + code + "&state=" + state);
        }
    }

    /** Where files.getUploadURLExternal sends the bytes. */
    private final class Upload extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] bytes = req.getInputStream().readAllBytes();
            requests.add(
                    new ApiRequest(
                            "upload",
                            Map.of(
                                    "path",
                                    String.valueOf(req.getPathInfo()),
                                    "content",
                                    new String(bytes, StandardCharsets.UTF_8)),
                            null,
                            time.instant()));
            resp.setStatus(200);
            resp.getWriter().write("OK - " + bytes.length);
        }
    }

    private static Map<String, String> form(String body) {
        return FormBody.parse(body);
    }

    private JsonObject defaultAnswer(ApiRequest call) {
        String channel = call.param("channel");
        switch (call.method()) {
            case "auth.test" -> {
                return WebApiAnswers.authTest(
                        "https://fake.slack.com/", "Fake Team", TEAM_ID, BOT_USER_ID, BOT_ID);
            }
            case "chat.postMessage", "chat.update", "chat.postEphemeral", "chat.meMessage" -> {
                if (channel == null || channel.isEmpty()) {
                    return error("channel_not_found");
                }
                JsonObject o = ok();
                String ts = call.method().equals("chat.update") ? call.param("ts") : nextTs();
                o.addProperty("channel", channel);
                if (call.method().equals("chat.postEphemeral")) {
                    o.addProperty("message_ts", ts);
                    return o;
                }
                o.addProperty("ts", ts);
                JsonObject message = new JsonObject();
                message.addProperty("type", "message");
                message.addProperty("text", call.param("text"));
                message.addProperty("user", BOT_USER_ID);
                message.addProperty("bot_id", BOT_ID);
                message.addProperty("ts", ts);
                o.add("message", message);
                return o;
            }
            case "chat.getPermalink" -> {
                JsonObject o = ok();
                o.addProperty("channel", channel);
                o.addProperty(
                        "permalink",
                        "https://fake.slack.com/archives/"
                                + channel
                                + "/p"
                                + String.valueOf(call.param("message_ts")).replace(".", ""));
                return o;
            }
            case "conversations.create" -> {
                String name = call.param("name");
                boolean taken =
                        channels.values().stream()
                                .anyMatch(c -> c.get("name").getAsString().equals(name));
                if (taken) {
                    return error("name_taken");
                }
                String id = nextId(Boolean.parseBoolean(call.param("is_private")) ? "G" : "C");
                addChannel(id, name, Boolean.parseBoolean(call.param("is_private")), BOT_USER_ID);
                JsonObject o = ok();
                o.add("channel", channels.get(id));
                return o;
            }
            case "conversations.invite" -> {
                JsonObject c = channels.get(channel);
                if (c == null) {
                    return error("channel_not_found");
                }
                for (String user : String.valueOf(call.param("users")).split(",")) {
                    if (!members.get(channel).contains(user)) {
                        members.get(channel).add(user);
                    }
                }
                JsonObject o = ok();
                o.add("channel", c);
                return o;
            }
            case "conversations.join", "conversations.info" -> {
                JsonObject c = channels.get(channel);
                if (c == null) {
                    return error("channel_not_found");
                }
                if (call.method().equals("conversations.join")
                        && !members.get(channel).contains(BOT_USER_ID)) {
                    members.get(channel).add(BOT_USER_ID);
                }
                JsonObject o = ok();
                o.add("channel", c);
                return o;
            }
            case "conversations.members" -> {
                List<String> list = members.get(channel);
                if (list == null) {
                    return error("channel_not_found");
                }
                JsonObject o = ok();
                o.add("members", gson.toJsonTree(list));
                o.add("response_metadata", gson.toJsonTree(Map.of("next_cursor", "")));
                return o;
            }
            case "conversations.history" -> {
                return history(call);
            }
            case "conversations.replies" -> {
                String parent = call.param("ts");
                List<JsonObject> thread =
                        new ArrayList<>(
                                history.getOrDefault(channel, List.of()).stream()
                                        .filter(
                                                m ->
                                                        m.has("thread_ts")
                                                                && m.get("thread_ts")
                                                                        .getAsString()
                                                                        .equals(parent))
                                        .toList());
                thread.sort(
                        (a, b) -> a.get("ts").getAsString().compareTo(b.get("ts").getAsString()));
                JsonObject o = ok();
                JsonArray messages = new JsonArray();
                thread.forEach(messages::add);
                o.add("messages", messages);
                o.addProperty("has_more", false);
                o.add("response_metadata", gson.toJsonTree(Map.of("next_cursor", "")));
                return o;
            }
            case "conversations.open" -> {
                JsonObject o = ok();
                JsonObject c = new JsonObject();
                c.addProperty("id", "D" + String.valueOf(call.param("users")).replace(",", ""));
                o.add("channel", c);
                return o;
            }
            case "conversations.setTopic",
                    "conversations.setPurpose",
                    "pins.add",
                    "pins.remove",
                    "reactions.add",
                    "views.publish",
                    "views.update",
                    "files.completeUploadExternal",
                    "files.delete" -> {
                JsonObject o = ok();
                if (call.method().equals("files.completeUploadExternal")) {
                    o.add(
                            "files",
                            JsonParser.parseString(call.params().getOrDefault("files", "[]")));
                }
                return o;
            }
            case "views.open" -> {
                JsonObject o = ok();
                JsonObject view = new JsonObject();
                view.addProperty("id", nextId("V"));
                o.add("view", view);
                return o;
            }
            case "users.info" -> {
                User user = users.get(call.param("user"));
                if (user == null) {
                    return error("user_not_found");
                }
                JsonObject u =
                        WebApiAnswers.user(
                                TEAM_ID,
                                user.id(),
                                user.displayName(),
                                user.realName(),
                                user.tz(),
                                user.tzOffset(),
                                user.bot());
                JsonObject o = ok();
                o.add("user", u);
                return o;
            }
            case "usergroups.users.list" -> {
                List<String> list = usergroups.get(call.param("usergroup"));
                if (list == null) {
                    return error("no_such_subteam");
                }
                JsonObject o = ok();
                o.add("users", gson.toJsonTree(list));
                return o;
            }
            case "files.getUploadURLExternal" -> {
                JsonObject o = ok();
                String fileId = nextId("F");
                o.addProperty(
                        "upload_url",
                        "http://127.0.0.1:" + connector.getLocalPort() + "/upload/" + fileId);
                o.addProperty("file_id", fileId);
                return o;
            }
            case "openid.connect.token" -> {
                if (!CLIENT_ID.equals(call.param("client_id"))) {
                    return error("invalid_client_id");
                }
                if (!CLIENT_SECRET.equals(call.param("client_secret"))) {
                    return error("bad_client_secret");
                }
                Grant grant = call.param("code") == null ? null : grants.remove(call.param("code"));
                if (grant == null) {
                    return error("invalid_code");
                }
                if (!grant.redirectUri().equals(call.param("redirect_uri"))) {
                    return error("bad_redirect_uri");
                }
                String accessToken = nextId("xoxp-oidc-");
                accessTokens.put(accessToken, grant.who());
                return WebApiAnswers.openIdToken(accessToken);
            }
            case "openid.connect.userInfo" -> {
                SignedIn who = call.token() == null ? null : accessTokens.get(call.token());
                if (who == null) {
                    return error("invalid_auth");
                }
                return WebApiAnswers.openIdUserInfo(who.userId(), who.teamId(), who.name());
            }
            case "apps.connections.open" -> {
                JsonObject o = ok();
                o.addProperty("url", socketModeUrl);
                return o;
            }
            default -> {
                return error("unknown_method");
            }
        }
    }

    private JsonObject history(ApiRequest call) {
        List<JsonObject> all =
                new ArrayList<>(
                        history.getOrDefault(call.param("channel"), List.of()).stream()
                                .filter(
                                        m ->
                                                !m.has("thread_ts")
                                                        || m.get("thread_ts")
                                                                .getAsString()
                                                                .equals(m.get("ts").getAsString())
                                                        || (m.has("subtype")
                                                                && m.get("subtype")
                                                                        .getAsString()
                                                                        .equals(
                                                                                "thread_broadcast")))
                                .toList());
        all.sort((a, b) -> b.get("ts").getAsString().compareTo(a.get("ts").getAsString()));
        String oldest = call.param("oldest");
        if (oldest != null) {
            all.removeIf(m -> m.get("ts").getAsString().compareTo(oldest) < 0);
        }
        int limit = call.param("limit") == null ? 100 : Integer.parseInt(call.param("limit"));
        int start =
                call.param("cursor") == null || call.param("cursor").isEmpty()
                        ? 0
                        : Integer.parseInt(call.param("cursor"));
        List<JsonObject> page =
                all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
        JsonObject o = ok();
        JsonArray messages = new JsonArray();
        page.forEach(messages::add);
        o.add("messages", messages);
        boolean more = start + limit < all.size();
        o.addProperty("has_more", more);
        o.add(
                "response_metadata",
                gson.toJsonTree(
                        Map.of("next_cursor", more ? Integer.toString(start + limit) : "")));
        return o;
    }
}
