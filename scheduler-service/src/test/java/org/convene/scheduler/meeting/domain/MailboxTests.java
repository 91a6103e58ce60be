package org.convene.scheduler.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MailboxTests {

  @Test
  void spellingsThatDifferOnlyInCaseAndBlanksAreOneMailboxKeepingTheirSpelling() {
    Mailbox typed = Mailbox.of("  Li.Na@BAST.example.org ");
    assertThat(typed)
        .isEqualTo(Mailbox.of("li.na@bast.example.org"))
        .hasSameHashCodeAs(Mailbox.of("li.na@bast.example.org"));
    assertThat(typed.address()).isEqualTo("Li.Na@BAST.example.org");
    assertThat(typed.key()).isEqualTo("li.na@bast.example.org");
  }

  @Test
  void blankMeansNobodyOnlyWhereThatIsAllowed() {
    assertThat(Mailbox.ofNullable("  ")).isNull();
    assertThat(Mailbox.ofNullable(null)).isNull();
    assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.of(" "));
  }

  @Test
  void deliverableAddressesHaveADotAtomLocalPartAndADottedDomain() {
    assertThat(Mailbox.isDeliverable("tian.wen@bast.example.org")).isTrue();
    assertThat(Mailbox.isDeliverable("tian@bast")).isFalse();
    assertThat(Mailbox.isDeliverable("\"quoted\"@bast.example.org")).isFalse();
    assertThat(Mailbox.isDeliverable("a".repeat(250) + "@b.org")).isFalse();
  }
}
