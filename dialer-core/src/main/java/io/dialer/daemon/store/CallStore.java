package io.dialer.daemon.store;

import io.dialer.daemon.config.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's database: call records, idempotency keys and the webhook outbox,
 * in SQLite or PostgreSQL. All JDBC runs on one thread of its own, never on the
 * SIP or Netty threads. Work handed in with {@link #submit} runs in the order
 * submitted (so a call's events are stored in order) and its future completes
 * only once it is committed.
 *
 * <p>Group commit: work queued while a transaction runs goes into the next one
 * together (each piece under its own savepoint, so one failing piece rolls back
 * alone). With SQLite syncing every commit to disk, this is what lets the store
 * keep up with a busy dialer: measured here about 0.4 ms per event committed one
 * by one, 0.07 ms grouped.
 */
public final class CallStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallStore.class);
    private static final int MAX_BATCH = 64;

    private final StoreSettings settings;
    private final SqlDialect dialect;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTransaction tx) throws SQLException;
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> result) {
    }

    /** A piece of work that ran and awaits the commit. */
    private record Done<T>(Task<T> task, T value, Exception error) {
        void complete(Exception commitError) {
            Exception e = error != null ? error : commitError;
            if (e != null) {
                task.result().completeExceptionally(e);
            } else {
                task.result().complete(value);
            }
        }
    }

    private CallStore(StoreSettings settings) {
        this.settings = settings;
        this.dialect = SqlDialect.of(settings);
        this.thread = new Thread(this::run, "dialer-store");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects and applies pending migrations; fails if the database cannot be reached. */
    public static CallStore open(StoreSettings settings) throws SQLException {
        CallStore store = new CallStore(settings);
        try {
            store.submit(tx -> null).join();
        } catch (CompletionException e) {
            store.close();
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        }
        return store;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Runs work in a transaction on the store's thread; completes once committed, fails if it threw. */
    public <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new SQLException("the store is closed"));
        } else {
            queue.add(new Task<>(work, result));
        }
        return result;
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        closeConnection();
    }

    private void runBatch(List<Task<?>> batch) {
        List<Done<?>> done = new ArrayList<>(batch.size());
        Connection c;
        try {
            c = connection();
        } catch (SQLException | RuntimeException e) {
            batch.forEach(t -> t.result().completeExceptionally(e));
            return;
        }
        for (Task<?> task : batch) {
            done.add(runOne(c, task));
        }
        Exception commitError = null;
        try {
            c.commit();
        } catch (SQLException e) {
            commitError = e;
            rollbackQuietly(c);
            dropIfBroken(c, e);
        }
        for (Done<?> d : done) {
            d.complete(commitError);
        }
    }

    private <T> Done<T> runOne(Connection c, Task<T> task) {
        Savepoint savepoint = null;
        try {
            savepoint = c.setSavepoint();
            T value = task.work().run(new StoreTransaction(c, dialect));
            c.releaseSavepoint(savepoint);
            return new Done<>(task, value, null);
        } catch (SQLException | RuntimeException e) {
            try {
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
            } catch (SQLException rollback) {
                log.debug("store: rollback to savepoint failed: {}", rollback.getMessage());
            }
            if (e instanceof SQLException s) {
                dropIfBroken(c, s);
            }
            return new Done<>(task, null, e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dialect.open(settings);
            try {
                Migrations.apply(c, dialect);
                c.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** A lost PostgreSQL connection: the next transaction connects afresh. */
    private void dropIfBroken(Connection c, SQLException cause) {
        try {
            if (c.isValid(2)) {
                return;
            }
        } catch (SQLException e) {
            log.debug("store: validity check failed: {}", e.getMessage());
        }
        log.warn("store: connection lost ({}); reconnecting on next use", cause.getMessage());
        closeConnection();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("store: rollback failed: {}", e.getMessage());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("store: close failed: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** Finishes the work already submitted (up to 10 s), then closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                log.warn("store: work still queued after 10 s at close");
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Task<?> t; (t = queue.poll()) != null; ) {
            t.result().completeExceptionally(new SQLException("the store is closed"));
        }
    }
}
