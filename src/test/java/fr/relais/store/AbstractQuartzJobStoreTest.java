package fr.relais.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Quartz tables of V3 work for a clustered JDBC job store, with the delegate the docs name. */
abstract class AbstractQuartzJobStoreTest extends AbstractStoreTest {

    static final Map<String, CountDownLatch> FIRED = new ConcurrentHashMap<>();
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    /** A job that reports the value it read back from its stored job data. */
    public static class RecordingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            String run = context.getMergedJobDataMap().getString("run");
            SEEN.put(run, context.getMergedJobDataMap().getString("payload"));
            FIRED.get(run).countDown();
        }
    }

    @Test
    void aClusteredSchedulerStoresAndFiresAJob() throws Exception {
        String name = "relais-" + database().name().toLowerCase() + "-" + System.nanoTime();
        DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the test
            }

            @Override
            public void initialize() {
                // nothing to prepare
            }
        });
        var props = new Properties();
        props.setProperty("org.quartz.scheduler.instanceName", name);
        props.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        props.setProperty("org.quartz.threadPool.threadCount", "2");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        props.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        props.setProperty("org.quartz.jobStore.dataSource", name);
        props.setProperty("org.quartz.jobStore.isClustered", "true");
        props.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        Scheduler scheduler = new StdSchedulerFactory(props).getScheduler();
        FIRED.put(name, new CountDownLatch(1));
        try {
            scheduler.start();
            var job = JobBuilder.newJob(RecordingJob.class).withIdentity("morning-digest", "reminders")
                    .usingJobData("run", name).usingJobData("payload", "relance devis J+7").storeDurably().build();
            scheduler.scheduleJob(job, TriggerBuilder.newTrigger().withIdentity("now", "reminders").startNow()
                    .build());

            assertThat(FIRED.get(name).await(30, TimeUnit.SECONDS)).as("the job fired").isTrue();
            assertThat(SEEN.get(name)).isEqualTo("relance devis J+7");
            assertThat(scheduler.checkExists(JobKey.jobKey("morning-digest", "reminders"))).isTrue();
            var jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = ?",
                    Integer.class, name)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_job_details WHERE sched_name = ?"
                    + " AND job_data IS NOT NULL", Integer.class, name)).isEqualTo(1);
        } finally {
            scheduler.shutdown(true);
        }
    }
}
