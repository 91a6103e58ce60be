/** Cross-cutting wiring: configuration properties, Kafka, clock and error responses. */
package org.convene.scheduler.system;
