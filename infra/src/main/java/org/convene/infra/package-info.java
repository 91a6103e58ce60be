/**
 * The one-command local stack: embedded Kafka, PostgreSQL and mail server in this JVM, the
 * scheduler and notifier as child processes, and demo meetings from the seed documents.
 */
package org.convene.infra;
