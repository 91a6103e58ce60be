package org.convene.notifier.reply;

import org.convene.events.ReplyReceived;

/** What the reader made of one message: a reply to hand over, or a reason to keep it aside. */
sealed interface ReplyReading {

  record Reply(ReplyReceived reply) implements ReplyReading {}

  record Quarantine(String reason) implements ReplyReading {}
}
