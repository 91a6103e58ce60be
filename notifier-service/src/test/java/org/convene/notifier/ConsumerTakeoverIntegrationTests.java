package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two notifiers share a topic's two partitions; one crashes (its consumers vanish without leaving
 * their groups, as a killed process's do): the other holds both partitions of both consumer groups
 * within 10 s, and reads what is published to the crashed one's partition.
 */
// Mostly waits for a session time-out, with notifiers, a topic, a database and mail domains of its
// own: beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = TestSmtp.LOCK, mode = ResourceAccessMode.READ)
class ConsumerTakeoverIntegrationTests extends NotifierTestSupport {

  static final String INVITATIONS = "invitations";
  static final String REMINDER_PLANNER = "reminder-planner";
  static final Duration TAKEOVER = Duration.ofSeconds(10);

  @Test
  void aSurvivingNotifierTakesOverACrashedOnesPartitionsWithinTenSeconds() {
    String topic = "takeover-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 2, (short) 1));
    try (NotifierInstance survivor =
        NotifierInstance.start(
            broker.getBrokersAsString(), topic, "takeover", "notifier_takeover")) {
      NotifierInstance crashing =
          NotifierInstance.startCrashing(
              broker.getBrokersAsString(), topic, "takeover", "notifier_takeover");
      await()
          .atMost(DELIVERY)
          .until(
              () ->
                  assigned(survivor, INVITATIONS) == 1
                      && assigned(survivor, REMINDER_PLANNER) == 1
                      && assigned(crashing, INVITATIONS) == 1
                      && assigned(crashing, REMINDER_PLANNER) == 1);

      long crash = System.nanoTime();
      crashing.close();
      await()
          .atMost(TAKEOVER)
          .until(
              () ->
                  assigned(survivor, INVITATIONS) == 2
                      && assigned(survivor, REMINDER_PLANNER) == 2);
      System.out.printf(
          "Takeover: the survivor held both partitions of both groups %d ms after the crash%n",
          Duration.ofNanos(System.nanoTime() - crash).toMillis());

      MeetingStory[] stories = {
        new MeetingStory(MeetingStory.uniqueDomain("takeover-a")),
        new MeetingStory(MeetingStory.uniqueDomain("takeover-b")),
        new MeetingStory(MeetingStory.uniqueDomain("takeover-c")),
        new MeetingStory(MeetingStory.uniqueDomain("takeover-d"))
      };
      for (MeetingStory story : stories) {
        publish(topic, story.scheduled());
      }
      await()
          .atMost(DELIVERY)
          .until(
              () ->
                  java.util.Arrays.stream(stories)
                      .allMatch(story -> TestSmtp.receivedFor(story.domain()).size() == 5));
      assertThat(stories)
          .allSatisfy(story -> assertThat(TestSmtp.receivedFor(story.domain())).hasSize(5));
    }
  }

  private static int assigned(NotifierInstance instance, String listener) {
    MessageListenerContainer container =
        instance.bean(KafkaListenerEndpointRegistry.class).getListenerContainer(listener);
    return container == null || container.getAssignedPartitions() == null
        ? 0
        : container.getAssignedPartitions().size();
  }
}
