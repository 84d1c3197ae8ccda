package dev.wrapup.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits work that arrives together in one transaction (a piece that fails is run again alone, so
 * it cannot fail the others). A caller returns only once its piece is committed (so an acknowledged
 * event is on disk), but a burst of events shares one commit instead of paying one each: the
 * commit, not the work, is what costs most with every commit written through.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 64;
    private static final long LINGER_NANOS = 200_000;

    private record Unit<T>(Function<Tx, T> work, CompletableFuture<T> done) {}

    private final DSLContext dsl;
    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;

    GroupCommit(DSLContext dsl) {
        this.dsl = dsl;
        this.committer = new Thread(this::loop, "group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    <T> T run(Function<Tx, T> work) {
        if (!running) {
            throw new IllegalStateException("the database is closed");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        queue.add(new Unit<>(work, done));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            List<Unit<?>> batch = new ArrayList<>();
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (queue.isEmpty()) {
                    // Under load the next event is usually a fraction of a millisecond behind:
                    // a short wait lets it share this commit. When idle this adds 0.2 ms.
                    LockSupport.parkNanos(LINGER_NANOS);
                }
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            commit(batch);
        }
        failAll(new IllegalStateException("the database is closed"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void commit(List<Unit<?>> batch) {
        Object[] results = new Object[batch.size()];
        try {
            dsl.transaction(
                    cfg -> {
                        Tx tx = new Tx(cfg.dsl());
                        for (int i = 0; i < batch.size(); i++) {
                            results[i] = batch.get(i).work().apply(tx);
                        }
                    });
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            // One piece failed and took the batch with it: run each alone, so that only
            // the failing one fails (rare: a retried event racing its first delivery).
            log.debug(
                    "group commit of {} failed ({}); committing one by one",
                    batch.size(),
                    e.getMessage());
            for (Unit<?> unit : batch) {
                commit(List.of(unit));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            ((CompletableFuture) batch.get(i).done()).complete(results[i]);
        }
    }

    private void failAll(RuntimeException e) {
        Unit<?> unit;
        while ((unit = queue.poll()) != null) {
            unit.done().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
