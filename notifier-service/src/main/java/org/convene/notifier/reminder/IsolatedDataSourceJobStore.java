package org.convene.notifier.reminder;

import java.util.UUID;
import org.quartz.SchedulerConfigException;
import org.quartz.impl.jdbcjobstore.StdRowLockSemaphore;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;

/**
 * Spring's {@link LocalDataSourceJobStore} (Boot's DataSource, Spring-managed transactions), with
 * its connection providers registered under names of its own.
 *
 * <p>Quartz keeps connection providers in one registry per JVM, and Spring names them after the
 * scheduler. Cluster nodes must share the scheduler name, so two notifiers in one JVM (as tests run
 * them, or a test beside the notifier's own context) would take over each other's provider: the
 * first would then read and fire the second's triggers, on the second's database, and fail once the
 * second stops. The instance name Spring reads for those names is made unique; the scheduler's name
 * in the tables and in the cluster's row locks stays the configured one.
 *
 * <p>Public because Quartz creates it by name ({@code org.quartz.jobStore.class} in
 * reminders.properties).
 */
// Quartz's JobStoreCMT overrides a generic method with a raw one; the warning is inherited, not
// ours.
@SuppressWarnings("unchecked")
public final class IsolatedDataSourceJobStore extends LocalDataSourceJobStore {

  private final String providerSuffix = "#" + UUID.randomUUID();

  /** The scheduler's name, and the suffix that keeps this store's connection providers its own. */
  @Override
  public String getInstanceName() {
    return schedulerName() + providerSuffix;
  }

  @Override
  public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler)
      throws SchedulerConfigException {
    super.initialize(loadHelper, signaler);
    // Quartz builds its row locks from getInstanceName(): they must name the scheduler, which every
    // node shares, or each node would lock rows of its own.
    if (getLockHandler() instanceof StdRowLockSemaphore) {
      setLockHandler(
          new StdRowLockSemaphore(getTablePrefix(), schedulerName(), getSelectWithLockSQL()));
    }
  }

  private String schedulerName() {
    return super.getInstanceName();
  }
}
