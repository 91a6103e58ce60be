/**
 * The operators' audit trail: every write action of the ops console (who, when, what, how many),
 * kept in the notifier's database and shown on the console.
 */
package org.convene.notifier.audit;
