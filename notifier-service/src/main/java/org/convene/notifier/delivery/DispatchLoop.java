package org.convene.notifier.delivery;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the ledger owes: dispatcher threads, each with its own SMTP connection, which in a
 * loop lock a batch of recipients whose messages are due (skipping those another thread or instance
 * holds) and send it ({@link BatchDispatcher}), until nothing is due, then wait for the next poll.
 *
 * <p>The batch's transaction holds the recipients' locks while it sends, deliberately: PostgreSQL
 * releases them if this instance dies, so no lease has to expire and no other instance can send to
 * the same recipient meanwhile; the SMTP time-outs bound how long they are held. The outcomes are
 * not written in that transaction, which a crash or a lost database would take with it, but one by
 * one on a connection of their own ({@link OutcomeLedger}), and each message is marked in flight
 * before it goes out. A crash between the server accepting a message and its outcome being recorded
 * sends that one message again after the restart, with the same Message-ID, flagged as a possible
 * duplicate: the one duplicate per connection an SMTP client cannot rule out. When an outcome
 * cannot be recorded, the batch stops before its next message.
 */
@Component
class DispatchLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

  static final long STOP_GRACE_SECONDS = 30;

  /** Connections besides the dispatchers': the listener's, the reminder hand-over's. */
  static final int SPARE_CONNECTIONS = 2;

  private final BatchDispatcher dispatcher;
  private final OutcomeLedger outcomeLedger;
  private final SmtpTransports smtp;
  private final RelayStatus relay;
  private final TransactionTemplate transactions;
  private final DeliveryProperties properties;
  private final List<Worker> workers = new ArrayList<>();
  private volatile ScheduledExecutorService executor;
  private volatile boolean running;

  DispatchLoop(
      BatchDispatcher dispatcher,
      OutcomeLedger outcomeLedger,
      SmtpTransports smtp,
      RelayStatus relay,
      PlatformTransactionManager transactionManager,
      DeliveryProperties properties,
      DataSource dataSource) {
    if (dataSource instanceof HikariDataSource pool) {
      checkPool(pool.getMaximumPoolSize(), properties.threads());
    }
    this.dispatcher = dispatcher;
    this.outcomeLedger = outcomeLedger;
    this.smtp = smtp;
    this.relay = relay;
    this.transactions = new TransactionTemplate(transactionManager);
    this.properties = properties;
  }

  /**
   * Each thread holds two database connections while it sends a batch (the recipients' locks, the
   * outcomes), and the listener and the reminders need theirs: a smaller pool would leave threads
   * holding recipients while they wait for their second connection. Stops the start-up instead.
   */
  static void checkPool(int maximumPoolSize, int threads) {
    int needed = 2 * threads + SPARE_CONNECTIONS;
    if (maximumPoolSize < needed) {
      throw new IllegalStateException(
          "spring.datasource.hikari.maximum-pool-size is "
              + maximumPoolSize
              + ", less than the "
              + needed
              + " that convene.notifier.delivery.threads="
              + threads
              + " needs: two connections per dispatcher thread, and "
              + SPARE_CONNECTIONS
              + " for the listener and the reminders");
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    AtomicInteger number = new AtomicInteger();
    executor =
        Executors.newScheduledThreadPool(
            properties.threads(),
            task -> {
              Thread thread = new Thread(task, "delivery-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    running = true;
    workers.clear();
    long interval = properties.pollInterval().toMillis();
    for (int i = 0; i < properties.threads(); i++) {
      Worker worker = new Worker(smtp.connection());
      workers.add(worker);
      executor.scheduleWithFixedDelay(
          worker::poll, i * interval / properties.threads(), interval, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Lets the batches in flight finish and record what they sent (for up to {@value
   * #STOP_GRACE_SECONDS} s), and interrupts the threads that are only waiting: for the next poll,
   * or for a database connection when the database has gone first.
   */
  @Override
  public synchronized void stop() {
    running = false;
    ScheduledExecutorService stopping = executor;
    if (stopping == null) {
      return;
    }
    stopping.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
    try {
      while (!stopping.awaitTermination(50, TimeUnit.MILLISECONDS)) {
        if (workers.stream().noneMatch(Worker::sending) || System.nanoTime() > deadline) {
          stopping.shutdownNow();
          stopping.awaitTermination(5, TimeUnit.SECONDS);
          break;
        }
      }
    } catch (InterruptedException e) {
      stopping.shutdownNow();
      Thread.currentThread().interrupt();
    }
    workers.forEach(worker -> worker.connection.close());
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Before the listener container (phase {@code Integer.MAX_VALUE - 100}) stops, after it starts.
   */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 50;
  }

  private final class Worker {

    private final SmtpTransports.Connection connection;

    /** Whether this worker holds recipients it is sending to, which a stop lets it finish. */
    private volatile boolean sending;

    Worker(SmtpTransports.Connection connection) {
      this.connection = connection;
    }

    boolean sending() {
      return sending;
    }

    /**
     * Sends one batch, holding its recipients' locks in one transaction and recording each outcome
     * on a connection taken before the locks (so that no lock is held while waiting for one); how
     * many recipients it took.
     */
    private int dispatchOnce() {
      try (OutcomeLedger.Session outcomes = outcomeLedger.open()) {
        Integer handled =
            transactions.execute(
                status -> dispatcher.dispatch(connection, outcomes, () -> sending = true));
        return handled == null ? 0 : handled;
      } finally {
        sending = false;
      }
    }

    void poll() {
      try {
        // Drain what is due before sleeping again, unless the mail server is unavailable: then
        // one batch per probe interval finds out whether it is back.
        while (running && relay.mayDispatch()) {
          int handled = dispatchOnce();
          String relayFailure = connection.takeRelayFailure();
          if (relayFailure != null) {
            relay.unavailable(relayFailure);
            break;
          }
          if (handled == 0) {
            break;
          }
          relay.available();
        }
      } catch (RuntimeException e) {
        // The transaction rolled back: the same messages are found again at the next poll.
        if (running) {
          log.error("Dispatching failed; retrying at the next poll", e);
        } else {
          log.debug("Dispatching stopped", e);
        }
      } finally {
        // Idle: close the connection rather than let the server time it out under us.
        connection.close();
      }
    }
  }
}
