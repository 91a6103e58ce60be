package org.convene.notifier.bench;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.aopalliance.intercept.MethodInterceptor;
import org.convene.notifier.reminder.ReminderSink;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps whatever {@link ReminderSink} bean the notifier has (the logging one, or the ledger's) and
 * records, for each reminder due within a window, how late it was handed over: the wall clock on
 * entry to {@link ReminderSink#due} minus its due time. That is the scheduler's lateness, whatever
 * the sink then does. Reminders handed over as missed are counted apart.
 */
final class ReminderLateness implements BeanPostProcessor {

  private volatile long windowFrom = Long.MAX_VALUE;
  private volatile long windowTo = Long.MIN_VALUE;
  private long[] lateness = new long[0];
  private long[] sinkMillis = new long[0];
  private final AtomicInteger recorded = new AtomicInteger();
  private final AtomicInteger missed = new AtomicInteger();
  private final AtomicInteger outside = new AtomicInteger();
  private final AtomicLong firstAt = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastAt = new AtomicLong(Long.MIN_VALUE);
  private volatile String sinkType = "none";

  /** Records the reminders due in [from, to) from now on; at most {@code capacity} of them. */
  synchronized void watch(Instant from, Instant to, int capacity) {
    lateness = new long[capacity];
    sinkMillis = new long[capacity];
    recorded.set(0);
    missed.set(0);
    outside.set(0);
    firstAt.set(Long.MAX_VALUE);
    lastAt.set(Long.MIN_VALUE);
    windowFrom = from.toEpochMilli();
    windowTo = to.toEpochMilli();
  }

  int recorded() {
    return Math.min(recorded.get(), lateness.length);
  }

  int missed() {
    return missed.get();
  }

  int outside() {
    return outside.get();
  }

  long firstHandOverMillis() {
    return firstAt.get();
  }

  long lastHandOverMillis() {
    return lastAt.get();
  }

  String sinkType() {
    return sinkType;
  }

  /** The lateness recorded so far, in ms, sorted. */
  long[] sorted() {
    long[] copy = Arrays.copyOf(lateness, recorded());
    Arrays.sort(copy);
    return copy;
  }

  /** Time spent inside the sink's due() per reminder of the window, ms, sorted. */
  long[] sortedSinkMillis() {
    long[] copy = Arrays.copyOf(sinkMillis, recorded());
    Arrays.sort(copy);
    return copy;
  }

  /** Records a hand-over starting now; its index, or -1 if outside the window. */
  private int due(Instant dueAt) {
    long now = System.currentTimeMillis();
    long due = dueAt.toEpochMilli();
    if (due < windowFrom || due >= windowTo) {
      outside.incrementAndGet();
      return -1;
    }
    int i = recorded.getAndIncrement();
    if (i < lateness.length) {
      lateness[i] = now - due;
    }
    firstAt.accumulateAndGet(now, Math::min);
    lastAt.accumulateAndGet(now, Math::max);
    return i;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof ReminderSink)) {
      return bean;
    }
    sinkType = org.springframework.aop.support.AopUtils.getTargetClass(bean).getName();
    MethodInterceptor record =
        invocation -> {
          Object[] args = invocation.getArguments();
          String method = invocation.getMethod().getName();
          if (method.equals("due") && args.length == 4) {
            long start = System.nanoTime();
            int i = due((Instant) args[3]);
            try {
              return invocation.proceed();
            } finally {
              if (i >= 0 && i < sinkMillis.length) {
                sinkMillis[i] = (System.nanoTime() - start) / 1_000_000;
              }
            }
          } else if (method.equals("missed")) {
            missed.incrementAndGet();
          }
          return invocation.proceed();
        };
    if (bean instanceof Advised advised && !advised.isFrozen()) {
      advised.addAdvice(0, record);
      return bean;
    }
    ProxyFactory proxy = new ProxyFactory(bean);
    proxy.addInterface(ReminderSink.class);
    // A subclass proxy where possible, so that injection by the sink's own class still works.
    proxy.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
    proxy.addAdvice(record);
    return proxy.getProxy(bean.getClass().getClassLoader());
  }
}
