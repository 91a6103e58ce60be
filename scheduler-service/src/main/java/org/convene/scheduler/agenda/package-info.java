/** The API of a meeting's ordered agenda: replacing it and editing single items. */
package org.convene.scheduler.agenda;
