package dev.wrapup.bot.slack;

import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.wrapup.domain.BotIdentity;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's authorization for a bot in one workspace, in place of its SingleTeamAuthorization (which
 * never compares a request's team with the bot's, and calls auth.test on the request thread every
 * ten minutes): a request from another workspace or enterprise is refused and nothing is done with
 * it; any other gets the bot's token and identity in its context, from {@link SlackIdentity},
 * without calling Slack.
 */
public final class SingleWorkspace implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(SingleWorkspace.class);

    private final SlackIdentity identity;

    public SingleWorkspace(SlackIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType())) {
            return chain.next(req); // URL verification and SSL checks name no workspace
        }
        BotIdentity bot = identity.current();
        Context context = req.getContext();
        if (!ours(bot, context.getTeamId(), context.getEnterpriseId())) {
            log.warn(
                    "refused a {} from workspace {} (enterprise {}): this bot serves workspace {}",
                    req.getRequestType(),
                    context.getTeamId(),
                    context.getEnterpriseId(),
                    bot.teamId());
            // Over Socket Mode the envelope is acknowledged all the same, or Slack would send it
            // again.
            return req.isSocketMode()
                    ? Response.ok()
                    : Response.builder()
                            .statusCode(401)
                            .contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                            .body("{\"error\":\"a request for another workspace\"}")
                            .build();
        }
        context.setBotToken(identity.botToken());
        context.setBotUserId(bot.botUserId());
        context.setBotId(bot.botId());
        context.setTeamId(bot.teamId());
        context.setEnterpriseId(bot.enterpriseId());
        context.setAuthTestResponse(authTest(bot));
        return chain.next(req);
    }

    /** The bot's workspace, and its enterprise when the request names one. */
    static boolean ours(BotIdentity bot, String teamId, String enterpriseId) {
        return bot.teamId().equals(teamId)
                && (enterpriseId == null || Objects.equals(bot.enterpriseId(), enterpriseId));
    }

    private static AuthTestResponse authTest(BotIdentity bot) {
        AuthTestResponse response = new AuthTestResponse();
        response.setOk(true);
        response.setTeamId(bot.teamId());
        response.setEnterpriseId(bot.enterpriseId());
        response.setUserId(bot.botUserId());
        response.setBotId(bot.botId());
        return response;
    }
}
