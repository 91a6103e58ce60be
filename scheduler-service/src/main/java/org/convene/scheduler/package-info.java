/**
 * Convene's scheduler service: organisers' API for meetings, and the source of every meeting event.
 */
package org.convene.scheduler;
