package dev.wrapup.bot.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages with the status and nothing else: no exception text, stack trace, servlet
 * name or server version, whoever asks and however the request was broken.
 */
final class QuietErrors {
    private QuietErrors() {}

    /** For errors inside the servlet context (404s, a servlet that threw). */
    static final class InContext extends ErrorHandler {
        InContext() {
            setShowStacks(false);
            setShowServlet(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected void generateAcceptableResponse(
                ServletContextRequest baseRequest,
                HttpServletRequest request,
                HttpServletResponse response,
                int code,
                String message)
                throws IOException {
            super.generateAcceptableResponse(baseRequest, request, response, code, null);
        }
    }

    /** For errors Jetty answers before any servlet (a request it cannot parse). */
    static final class InServer extends org.eclipse.jetty.server.handler.ErrorHandler {
        InServer() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected void generateResponse(
                Request request,
                Response response,
                int code,
                String message,
                Throwable cause,
                Callback callback)
                throws IOException {
            super.generateResponse(request, response, code, null, null, callback);
        }
    }
}
