package org.convene.scheduler.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writer of link answers, on a stand-in for the recording (the real one, with its database, is
 * in {@link AnswerLinkIntegrationTests}): how answers waiting together are recorded and what a
 * failure reaches.
 */
class LinkAnswerWriterTests {

  private static final MeetingId FIRST = MeetingId.parse("7c1fb82b-54a3-490e-8374-85b81f7eec7c");
  private static final MeetingId SECOND = MeetingId.parse("4c678645-e6d7-4218-9e33-f2ea5166f188");
  private static final Mailbox BLOCKER = Mailbox.of("blocker@example.org");
  private static final Mailbox GOOD = Mailbox.of("good@example.org");
  private static final Mailbox BAD = Mailbox.of("bad@example.org");

  private final AnswerRecording recording = mock(AnswerRecording.class);
  private final LinkAnswerWriter writer =
      new LinkAnswerWriter(
          recording,
          new TransactionTemplate(mock(PlatformTransactionManager.class)),
          emptyTracer());

  @AfterEach
  void stop() {
    if (writer.isRunning()) {
      writer.stop();
    }
  }

  @Test
  void anAnswerThatFailsWithOthersToItsMeetingFailsAloneAndTheOthersAreRecorded() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    given(recording.recordByLink(eq(FIRST), eq(BLOCKER), any(), any()))
        .willAnswer(
            call -> {
              busy.countDown();
              release.await(30, TimeUnit.SECONDS);
              return new AnswerOutcome.Refused("blocker");
            });
    given(recording.recordByLink(eq(SECOND), eq(GOOD), any(), any()))
        .willReturn(new AnswerOutcome.Refused("good"));
    given(recording.recordByLink(eq(SECOND), eq(BAD), any(), any()))
        .willThrow(new IllegalStateException("the database said no"));
    writer.start();

    CompletableFuture<AnswerOutcome> blocker = answer(FIRST, BLOCKER);
    // While the writer is busy with the first, two answers to another meeting wait together.
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<AnswerOutcome> good = answer(SECOND, GOOD);
    CompletableFuture<AnswerOutcome> bad = answer(SECOND, BAD);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 2);
    release.countDown();

    assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(new AnswerOutcome.Refused("blocker"));
    assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(new AnswerOutcome.Refused("good"));
    assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("the database said no");
    // Once together (the transaction that failed), then on its own.
    verify(recording, times(2)).recordByLink(eq(SECOND), eq(GOOD), any(), any());
  }

  @Test
  void withoutTheWriterRunningAnAnswerIsRecordedOnTheCallersThread() {
    given(recording.recordByLink(eq(FIRST), eq(GOOD), any(), any()))
        .willReturn(new AnswerOutcome.Refused("direct"));

    assertThat(writer.record(FIRST, GOOD, AnswerStatus.ACCEPTED, null))
        .isEqualTo(new AnswerOutcome.Refused("direct"));
  }

  private CompletableFuture<AnswerOutcome> answer(MeetingId meeting, Mailbox attendee) {
    return CompletableFuture.supplyAsync(
        () -> writer.record(meeting, attendee, AnswerStatus.ACCEPTED, null));
  }

  /** No tracer in the context: the writer falls back to one that traces nothing. */
  private static ObjectProvider<Tracer> emptyTracer() {
    return new StaticListableBeanFactory().getBeanProvider(Tracer.class);
  }
}
