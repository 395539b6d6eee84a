package fr.relais.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the store tests that run on both databases: a subclass names its database; the class gets one
 * migrated database, emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractStoreTest {

    protected HikariDataSource dataSource;

    protected abstract TestDatabase database();

    @BeforeAll
    void createDatabase() {
        dataSource = database().createMigrated();
    }

    @BeforeEach
    void emptyTables() {
        TestDatabase.clean(dataSource);
    }

    @AfterAll
    void closeDatabase() {
        dataSource.close();
    }

    protected boolean isPostgres() {
        return database() == TestDatabase.POSTGRES;
    }
}
