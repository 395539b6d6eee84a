package fr.relais.customer.write;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.demo.SimulatedSage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh simulated Sage databases (H2 in SQL Server mode, Sage's real F_COMPTET) for the writers' tests. */
final class SimulatedDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SimulatedDatabases() {
    }

    static HikariDataSource sage() {
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:sage_writers_" + COUNTER.incrementAndGet()
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        try (Connection connection = dataSource.getConnection()) {
            SimulatedSage.createSchema(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    static void account(HikariDataSource sage, String ctNum, String name) {
        try (Connection connection = sage.getConnection();
             PreparedStatement ps = connection.prepareStatement("INSERT INTO F_COMPTET (CT_Num, CT_Intitule) VALUES (?, ?)")) {
            ps.setString(1, ctNum);
            ps.setString(2, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
