/** A meeting's ordered agenda: replacing it, editing single items, and describing each change. */
package org.convene.scheduler.agenda;
