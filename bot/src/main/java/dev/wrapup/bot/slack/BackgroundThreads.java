package dev.wrapup.bot.slack;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bot's background threads, stopped without interrupting work under way: an embedded H2
 * database closes itself when a thread writing to it is interrupted, which would fail everything
 * else that is still stopping.
 */
public final class BackgroundThreads {
    private BackgroundThreads() {}

    /** One daemon thread for scheduled work; what is only scheduled is dropped when it stops. */
    public static ScheduledExecutorService scheduled(String name) {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, name);
                            t.setDaemon(true);
                            return t;
                        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return executor;
    }

    /**
     * Takes no new work, lets what runs finish for up to {@code wait}, and only then interrupts it.
     */
    public static void stop(ExecutorService executor, Duration wait) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
