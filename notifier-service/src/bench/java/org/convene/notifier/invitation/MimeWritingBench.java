package org.convene.notifier.invitation;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Locale;
import org.convene.events.MeetingScheduled;
import org.convene.events.Participant;
import org.convene.events.SampleEvents;

/**
 * How many invitations a second one thread builds and writes as MIME, from texts and calendar
 * rendered before: with plain Jakarta Mail, with plain Jakarta Mail and the stream provider named,
 * and through {@link MimeWriting}. Run each mode in a JVM of its own (the stream provider is a
 * property of the whole JVM, which {@link MimeWriting} sets when loaded), a few times: {@code java
 * -cp ... MimeWritingBench plain|provider|fast [seconds]}.
 */
public final class MimeWritingBench {

  private MimeWritingBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "fast";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
    if (mode.equals("provider")) {
      System.setProperty(
          jakarta.mail.util.StreamProvider.class.getName(),
          "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    MimeWritingTests.Message sample = sample();
    Writer writer = mode.equals("fast") ? MimeWritingTests::fast : MimeWritingTests::plain;
    CountingSink sink = new CountingSink();
    writer.write(sample).writeTo(sink);
    long size = sink.count;
    run(writer, sample, 2_000_000_000L);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long messages = run(writer, sample, seconds * 1_000_000_000L);
    double perSecond = messages / ((System.nanoTime() - start) / 1e9);
    // On a machine shared with other work, the thread's CPU time tells the cost better than the
    // clock.
    double perCpuSecond = messages / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "%s: %.0f messages/s of CPU time on 1 thread (%.0f/s by the clock), %d bytes each%n",
        mode,
        perCpuSecond,
        perSecond,
        size);
  }

  private static long run(Writer writer, MimeWritingTests.Message sample, long nanos)
      throws Exception {
    long until = System.nanoTime() + nanos;
    long messages = 0;
    CountingSink sink = new CountingSink();
    while (System.nanoTime() < until) {
      writer.write(sample).writeTo(sink);
      messages++;
    }
    return messages;
  }

  /**
   * The texts and calendar of the sample meeting's invitation to its chair, rendered as the
   * notifier renders them.
   */
  private static MimeWritingTests.Message sample() throws Exception {
    MeetingScheduled event = SampleEvents.meetingScheduled();
    Participant chair = event.meeting().participants().getFirst();
    Notice notice = new Notice(NoticeKind.INVITATION, event, chair);
    RenderedInvitation texts =
        MailFixtures.RENDERER.render(MailFixtures.VIEWS.of(notice, Locale.ENGLISH), Locale.ENGLISH);
    InvitationCalendar calendar =
        new InvitationCalendar(InvitationCalendarTests.PROPERTIES, InvitationCalendarTests.CLOCK);
    String ics =
        InvitationCalendar.write(
            calendar.calendarFor(notice.kind(), event, chair, texts.description()));
    return new MimeWritingTests.Message(
        texts.subject(),
        new InternetAddress("meetings@convene.local", "BAST General Office via Convene", "UTF-8"),
        new InternetAddress(chair.email(), chair.name(), "UTF-8"),
        new InternetAddress("office@bast.example.org", "BAST General Office", "UTF-8"),
        Instant.parse("2026-12-01T08:00:00Z"),
        texts.text(),
        texts.html(),
        ics);
  }

  private interface Writer {
    MimeMessage write(MimeWritingTests.Message sample) throws Exception;
  }

  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
