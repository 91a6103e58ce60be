package org.convene.notifier.reminder;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The reminders' settings and defaults. {@code reminders.properties} holds the Quartz job store
 * settings ({@code spring.quartz.*}) and the documented defaults of {@link ReminderProperties}; as
 * a {@code @PropertySource} it ranks below application.properties, the environment and arguments,
 * and it is read before auto-configuration decides on the JDBC job store.
 *
 * <p>Boot orders Flyway before the scheduler (its {@code
 * SchedulerDependsOnDatabaseInitializationDetector} makes the scheduler depend on every database
 * initializer), so the Quartz tables exist before Quartz starts. The {@link ReminderSink} that
 * sends reminders lives with the delivery ledger.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:reminders.properties")
class ReminderConfiguration {}
