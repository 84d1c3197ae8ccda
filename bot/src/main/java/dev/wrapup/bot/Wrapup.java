package dev.wrapup.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.analysis.CallAnnouncement;
import dev.wrapup.bot.analysis.CallStart;
import dev.wrapup.bot.analysis.OpeningWords;
import dev.wrapup.bot.commands.IncidentCommands;
import dev.wrapup.bot.commands.MaintenanceCommands;
import dev.wrapup.bot.commands.WrapupCommands;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.coverage.RoleGroupSnapshots;
import dev.wrapup.bot.digest.DigestButtons;
import dev.wrapup.bot.digest.WeeklyDigest;
import dev.wrapup.bot.events.EventRecorder;
import dev.wrapup.bot.events.HistoryImport;
import dev.wrapup.bot.happened.Happening.CallStarted;
import dev.wrapup.bot.happened.Happening.KeyMomentNoted;
import dev.wrapup.bot.happened.Happening.MessageRecorded;
import dev.wrapup.bot.happened.Happenings;
import dev.wrapup.bot.home.AppHome;
import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.incident.Declarations;
import dev.wrapup.bot.incident.DeclareModal;
import dev.wrapup.bot.incident.IncidentChanges;
import dev.wrapup.bot.incident.PinnedHeader;
import dev.wrapup.bot.maintenance.MaintenanceAlerts;
import dev.wrapup.bot.maintenance.MaintenanceService;
import dev.wrapup.bot.maintenance.PinnedPlan;
import dev.wrapup.bot.metrics.Meters;
import dev.wrapup.bot.metrics.OutboxBacklog;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Admins;
import dev.wrapup.bot.similar.FixQuestions;
import dev.wrapup.bot.similar.IncidentIndex;
import dev.wrapup.bot.similar.IndexFollower;
import dev.wrapup.bot.similar.SimilarIncidents;
import dev.wrapup.bot.slack.SingleWorkspace;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackIdentity;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.insights.InsightsPage;
import dev.wrapup.bot.web.pages.WebPages;
import dev.wrapup.bot.web.signin.ChannelAccess;
import dev.wrapup.bot.web.signin.WebSignIn;
import dev.wrapup.bot.wrapup.ActionItems;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.bot.wrapup.CommentPrompts;
import dev.wrapup.bot.wrapup.Comments;
import dev.wrapup.bot.wrapup.PublishModal;
import dev.wrapup.bot.wrapup.Publisher;
import dev.wrapup.bot.wrapup.WrapUpStart;
import dev.wrapup.domain.BlameDetector;
import dev.wrapup.domain.HindsightDetector;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.IncidentTexts;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.SeenRequests;
import dev.wrapup.persistence.SlackIdentities;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.scheduler.QuartzFactory;
import dev.wrapup.scheduler.Scheduling;
import dev.wrapup.scheduler.slots.SlotFinder;
import dev.wrapup.scheduler.slots.WorkingHours;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: database, Slack app, web server, Socket Mode and scheduler, wired together.
 * {@code main} and the end-to-end tests start it the same way.
 *
 * <p>Longer than most classes because it is the wiring: every part of the bot is built here, in an
 * order that reads top to bottom (Slack identity, outbox, services, reactions, surfaces, web), so
 * that nothing else needs to know how the others are made.
 */
public final class Wrapup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wrapup.class);

    private final Config config;
    private final Database database;
    private final Slack slack;
    private final ExecutorService afterAck;
    private final Scheduling scheduling;
    private final SlackOutbox outbox;
    private final WebServer web;
    private final SocketModeApp socketMode;
    private final Admins admins;
    private final SlackIdentity identity;
    private final IndexFollower follower;
    private final IncidentIndex index;
    private final Meters meters;
    private boolean closed;

    private Wrapup(
            Config config,
            Database database,
            Slack slack,
            ExecutorService afterAck,
            Scheduling scheduling,
            SlackOutbox outbox,
            WebServer web,
            SocketModeApp socketMode,
            Admins admins,
            SlackIdentity identity,
            IndexFollower follower,
            IncidentIndex index,
            Meters meters) {
        this.meters = meters;
        this.follower = follower;
        this.index = index;
        this.admins = admins;
        this.identity = identity;
        this.config = config;
        this.database = database;
        this.slack = slack;
        this.afterAck = afterAck;
        this.scheduling = scheduling;
        this.outbox = outbox;
        this.web = web;
        this.socketMode = socketMode;
    }

    /** Opens and migrates the database, then starts serving Slack. */
    public static Wrapup start(Config config, Clock clock) throws Exception {
        Meters meters = Meters.start();
        Database database;
        try {
            database = Database.open(config.database(), meters.registry());
        } catch (RuntimeException | Error e) {
            meters.close();
            throw e;
        }
        try {
            database.migrate();
            return start(config, clock, database, meters);
        } catch (Exception | Error e) {
            database.close();
            meters.close();
            throw e;
        }
    }

    private static Wrapup start(Config configured, Clock clock, Database database, Meters meters)
            throws Exception {
        PrometheusMeterRegistry registry = meters.registry();
        Slack slack = slack(configured);
        // Before anything listens: auth.test decides whether the bot can start at all.
        SlackIdentity identity =
                SlackIdentity.atStart(
                        slack.methods(configured.botToken()),
                        configured.slackApiUrl(),
                        configured.botToken(),
                        new SlackIdentities(database),
                        clock);
        WebServer web = new WebServer(configured.port(), database);
        Config config = configured.withBoundPort(web.port());
        SlackApi slackApi =
                new SlackApi(slack.methods(config.botToken()), 5, Duration.ofMillis(500), registry);
        SlackOutbox outbox = new SlackOutbox(database, slackApi, clock);
        OutboxBacklog.register(database, clock, registry);
        web.metrics(registry, config.metricsToken());
        ExecutorService afterAck =
                Executors.newFixedThreadPool(
                        4,
                        r -> {
                            Thread t = new Thread(r, "after-ack");
                            t.setDaemon(true);
                            return t;
                        });

        // No singleTeamBotToken: SingleWorkspace authorizes requests instead of Bolt's own.
        // Bolt reads SLACK_CLIENT_ID and its OAuth settings from the environment by itself, and
        // with a client id and secret there it counts as an app installed per workspace: its own
        // authorization would answer "Please install this Slack app", and requests would no longer
        // get the bot token from its config. Neither happens here, as SingleWorkspace takes the
        // place of Bolt's authorization and sets the token itself; the settings are cleared all
        // the same, so that no part of Bolt acts on a client id that is here only for the web
        // pages' Sign in with Slack.
        AppConfig.AppConfigBuilder appConfig =
                AppConfig.builder()
                        .slack(slack)
                        .clientId(null)
                        .clientSecret(null)
                        .redirectUri(null)
                        .scope(null)
                        .userScope(null)
                        .oauthCancellationUrl(null)
                        .oauthCompletionUrl(null)
                        .oAuthInstallPathEnabled(false)
                        .oAuthRedirectUriPathEnabled(false)
                        .openIDConnectEnabled(false);
        config.signingSecret().ifPresent(appConfig::signingSecret);
        AppConfig boltConfig = appConfig.build();
        App app = new App(boltConfig, middleware(boltConfig, identity)).asOAuthApp(false);

        UserDirectory users =
                new UserDirectory(
                        new Users(database), new Timeline(database), slackApi, afterAck, clock);
        Scheduling scheduling = new Scheduling(QuartzFactory.create(database), clock, registry);
        Happenings happenings = new Happenings();
        IncidentLinks links = new IncidentLinks(config.signIn().map(signIn -> config.publicUrl()));
        new PinnedHeader(database, outbox, links);
        Admins admins = new Admins(config.admins(), slackApi);
        IncidentIndex index = IncidentIndex.openOrInMemory(config.indexDir());
        IndexFollower follower =
                new IndexFollower(index, new IncidentTexts(database), Duration.ofSeconds(2));
        SimilarIncidents similar =
                new SimilarIncidents(
                        database,
                        index,
                        follower,
                        new ChannelAccess(slackApi, admins, identity, clock),
                        links,
                        outbox,
                        clock);
        new HistoryImport(database, slackApi, outbox, users, config.importWindow(), clock);
        Declarations declarations =
                new Declarations(
                        database, slackApi, outbox, users, similar, config.channelPrefix(), clock);
        IncidentChanges changes = new IncidentChanges(database, outbox, users, happenings, clock);
        AnalysisCallService analysis =
                new AnalysisCallService(
                        database,
                        outbox,
                        users,
                        scheduling,
                        new SlotFinder(
                                WorkingHours.parse(config.workingHours()), config.slotAlignment()),
                        config.analysisDelay(),
                        clock);
        RoleGroupSnapshots snapshots =
                new RoleGroupSnapshots(
                        database, slackApi, outbox, users, config.roleGroups(), clock);
        new CallAnnouncement(
                database,
                slackApi,
                outbox,
                users,
                config.roleGroups(),
                snapshots,
                config.videoUrl(),
                links,
                clock);
        Access access = new Access(admins, new Participants(database));
        FixQuestions fixes = new FixQuestions(database, outbox, users, links, access, clock);
        new CallStart(
                database,
                outbox,
                scheduling,
                OpeningWords.load(config.openingWordsFile()),
                config.videoUrl(),
                links,
                similar,
                fixes,
                happenings,
                clock);
        WrapUps wrapUps = new WrapUps(database);
        Comments comments =
                new Comments(
                        database,
                        wrapUps,
                        outbox,
                        users,
                        BlameDetector.standard(),
                        HindsightDetector.standard(),
                        afterAck,
                        clock);
        CommentPrompts prompts =
                new CommentPrompts(config, database, wrapUps, comments, outbox, scheduling, clock);
        WrapUpStart starting = new WrapUpStart(database, slackApi, outbox, users, clock);
        Reports reports = new Reports(database);
        ActionItems actions =
                new ActionItems(database, wrapUps, outbox, users, scheduling, clock, access);
        new WeeklyDigest(database, wrapUps, outbox, users, scheduling, links, clock);
        PublishModal publishing =
                new PublishModal(
                        slackApi,
                        outbox,
                        database,
                        new Publisher(
                                config, database, links, wrapUps, comments, slackApi, outbox,
                                reports, similar, clock),
                        access);
        MaintenanceService maintenance =
                new MaintenanceService(
                        config,
                        database,
                        outbox,
                        users,
                        scheduling,
                        new MaintenanceAlerts(
                                database, outbox, scheduling, config.announceChannel(), clock),
                        clock);
        new PinnedPlan(database, outbox, links);

        // What reacts to what happened.
        happenings.on(CallStarted.class, started -> prompts.askEveryone(started.incident()));
        happenings.on(
                MessageRecorded.class,
                m -> comments.nudge(m.incident().channelId(), m.authorId(), m.text()));
        happenings.on(MessageRecorded.class, m -> similar.written(m.incident()));
        happenings.on(KeyMomentNoted.class, n -> similar.written(n.incident()));
        happenings.on(
                KeyMomentNoted.class,
                n -> comments.nudge(n.incident().channelId(), n.userId(), n.text()));

        // Everything Slack reaches; the recorder first, as it sees every event before handlers.
        DeclareModal declareModal = new DeclareModal(slackApi, declarations, outbox);
        List<SlackSurface> surfaces =
                List.<SlackSurface>of(
                        new EventRecorder(
                                database,
                                users,
                                afterAck,
                                happenings,
                                clock,
                                config.highlightReaction(),
                                registry),
                        new IncidentCommands(
                                database,
                                declarations,
                                changes,
                                declareModal,
                                links,
                                afterAck,
                                access),
                        declareModal,
                        new WrapupCommands(
                                database,
                                changes,
                                analysis,
                                comments,
                                prompts,
                                actions,
                                starting,
                                users,
                                afterAck,
                                clock,
                                access,
                                publishing),
                        new CommentModal(slackApi, database, comments, actions, clock, afterAck),
                        new DigestButtons(slackApi, outbox, database, wrapUps, actions, afterAck),
                        publishing,
                        fixes,
                        new MaintenanceCommands(maintenance, users, clock, access),
                        new AppHome(database, wrapUps, slackApi, afterAck, links));
        surfaces.forEach(surface -> surface.register(app));

        // The web pages exist only behind Sign in with Slack; without it they answer 404.
        config.signIn()
                .ifPresent(
                        signIn -> {
                            Templates templates = new Templates();
                            WebSignIn.install(
                                    web, signIn, database, slack, identity, templates, registry,
                                    clock);
                            IncidentAccess pageAccess =
                                    new ChannelAccess(slackApi, admins, identity, clock);
                            WebPages.mount(
                                    web,
                                    database,
                                    templates,
                                    pageAccess,
                                    reports,
                                    config.publicUrl(),
                                    config.videoUrl(),
                                    List.copyOf(config.roleGroups().keySet()),
                                    clock);
                            InsightsPage.mount(
                                    web,
                                    database,
                                    templates,
                                    pageAccess,
                                    List.copyOf(config.roleGroups().keySet()),
                                    clock);
                        });
        if (!config.socketMode()) {
            web.slack(
                    app,
                    config.signingSecret().orElseThrow(),
                    new SeenRequests(database),
                    clock,
                    registry);
        }
        web.start();
        SocketModeApp socketMode = null;
        if (config.socketMode()) {
            socketMode =
                    new SocketModeApp(
                            config.appToken().orElseThrow(),
                            app,
                            SocketModeClient.Backend.JavaWebSocket);
            socketMode.startAsync();
        }
        follower.start();
        scheduling.start();
        // Claims name the scheduler's instance: once the others find it dead, its claims lapse.
        outbox.start(scheduling.instanceId());
        admins.start();
        log.info(
                "Wrapup is up: {} on port {}, database {}{}",
                config.socketMode() ? "Socket Mode" : "HTTP",
                web.port(),
                database.vendor(),
                // Names this replica in Quartz's tables, where another takes over its tasks.
                database.vendor().supportsReplicas()
                        ? ", scheduler instance " + scheduling.instanceId()
                        : "");
        return new Wrapup(
                config,
                database,
                slack,
                afterAck,
                scheduling,
                outbox,
                web,
                socketMode,
                admins,
                identity,
                follower,
                index,
                meters);
    }

    /**
     * Bolt's default middleware, with {@link SingleWorkspace} where its authorization would be:
     * after the signature check, before everything that acts on a request (the event recorder
     * included, which reads the bot's ids from the context).
     */
    private static List<Middleware> middleware(AppConfig config, SlackIdentity identity) {
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(new SSLCheck(config.getVerificationToken()));
        // Over HTTP a second check of what SlackEndpoint checked; Socket Mode requests carry no
        // signature.
        String secret =
                config.getSigningSecret() != null
                        ? config.getSigningSecret()
                        : "unused-in-socket-mode";
        middleware.add(
                new RequestVerification(
                        new SlackSignature.Verifier(new SlackSignature.Generator(secret))));
        middleware.add(new SingleWorkspace(identity));
        middleware.add(new IgnoringSelfEvents(config.getSlack().getConfig()));
        return middleware;
    }

    /** One Slack SDK instance, its Web API base moved by SLACK_API_URL. */
    static Slack slack(Config config) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
        slackConfig.setPrettyResponseLoggingEnabled(false);
        // The SDK's call statistics need each token's team, which it learns by calling
        // auth.test before a token's first call, and again before every call while auth.test
        // fails: twice the calls to a rate-limited Slack, for figures nobody reads.
        slackConfig.setStatsEnabled(false);
        return Slack.getInstance(slackConfig);
    }

    public int port() {
        return web.port();
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    public Database database() {
        return database;
    }

    public Config config() {
        return config;
    }

    /**
     * Stops in order: no new requests (those under way are answered), then the work they handed on,
     * the scheduler and the Slack outbox, and the database last, once nothing uses it. Closing
     * again, or meanwhile from another thread, waits for that.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        log.info("stopping");
        try {
            if (socketMode != null) {
                socketMode.close();
            }
        } catch (Exception e) {
            log.warn("stopping Socket Mode: {}", e.toString());
        }
        try {
            web.close();
        } catch (Exception e) {
            log.warn("stopping the web server: {}", e.toString());
        }
        admins.close();
        identity.close();
        afterAck.shutdown();
        try {
            afterAck.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduling.close();
        outbox.close();
        follower.close();
        index.close();
        database.close();
        meters.close();
        log.info("stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
