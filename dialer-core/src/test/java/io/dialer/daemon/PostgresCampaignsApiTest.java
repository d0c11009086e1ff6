package io.dialer.daemon;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link CampaignsApiTest} on a real PostgreSQL (Debian's package, started here):
 * each test gets a database of its own on one server, so campaigns of one test
 * never resume in the next.
 */
class PostgresCampaignsApiTest extends CampaignsApiTest {

    private static PostgresServer pg;
    private static final AtomicInteger databases = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    String storeBlock() throws Exception {
        String db = "campaigns" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.url(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return "url: " + pg.url().replaceAll("/postgres$", "/" + db) + "\n  username: postgres";
    }
}
