package dev.wrapup.bot.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test that asks for a {@link Browser} parameter a fresh one, closed after the test's
 * {@code @AfterEach}. A fresh browser per test costs a second or two but keeps one test's cookies
 * and sign-in out of the next. A failing test leaves a screenshot of what the browser last showed,
 * taken before {@code @AfterEach} stops the servers behind the page. A test needing a second reader
 * at once (another user's session) starts that one itself with {@link Browser#start()}.
 */
final class BrowserExtension implements ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Browser resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Browser.class, k -> new Opened(Browser.start()), Opened.class)
                .browser();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Opened opened = context.getStore(NAMESPACE).get(Browser.class, Opened.class);
        if (opened != null && context.getExecutionException().isPresent()) {
            Path shot =
                    opened.browser()
                            .screenshot(
                                    "failed-"
                                            + context.getRequiredTestClass().getSimpleName()
                                            + "-"
                                            + context.getRequiredTestMethod().getName());
            context.publishReportEntry("screenshot", shot.toString());
        }
    }

    /** The store closes what it holds when the test's context ends. */
    private record Opened(Browser browser) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            browser.close();
        }
    }
}
