package io.dialer.daemon.store;

import io.dialer.daemon.config.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's database: call records, idempotency keys and the webhook outbox,
 * in SQLite or PostgreSQL. All JDBC runs on one thread of its own, never on the
 * SIP or Netty threads; work is handed in with {@link #submit} and runs as one
 * transaction, in the order submitted (so a call's events are stored in order).
 */
public final class CallStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallStore.class);

    private final StoreSettings settings;
    private final SqlDialect dialect;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dialer-store");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTransaction tx) throws SQLException;
    }

    private CallStore(StoreSettings settings) {
        this.settings = settings;
        this.dialect = SqlDialect.of(settings);
    }

    /** Connects and applies pending migrations; fails if the database cannot be reached. */
    public static CallStore open(StoreSettings settings) throws SQLException {
        CallStore store = new CallStore(settings);
        try {
            store.submit(tx -> null).join();
        } catch (java.util.concurrent.CompletionException e) {
            store.close();
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        }
        return store;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Runs work in one transaction on the store's thread; committed when it returns, rolled back if it throws. */
    public <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(inTransaction(work));
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SQLException("the store is closed"));
        }
        return result;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        Connection c = connection();
        try {
            T value = work.run(new StoreTransaction(c));
            c.commit();
            return value;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            if (e instanceof SQLException && !c.isValid(2)) {
                // A lost PostgreSQL connection: the next piece of work connects afresh.
                log.warn("store: connection lost ({}); reconnecting on next use", e.getMessage());
                closeQuietly();
            }
            throw e;
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

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("store: rollback failed: {}", e.getMessage());
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("store: close failed: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** Finishes the work already submitted, then closes the connection. */
    @Override
    public void close() {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(this::closeQuietly);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("store: work still queued after 10 s at close");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
