/**
 * The ops console's flow page and its JSON: follow a meeting, an event or a recipient from the
 * events read to each inbox, and retry failed deliveries.
 */
package org.convene.notifier.flow;
