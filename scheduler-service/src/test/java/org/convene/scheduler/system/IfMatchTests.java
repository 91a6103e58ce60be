package org.convene.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfMatchTests {

  @Test
  void aStrongTagMatchesItsRevisionOnly() {
    IfMatch ifMatch = IfMatch.parse("\"2\"");
    assertThat(ifMatch.matches(2)).isTrue();
    assertThat(ifMatch.matches(3)).isFalse();
  }

  @Test
  void aStarMatchesAnyCurrentRevision() {
    assertThat(IfMatch.parse(" * ").matches(7)).isTrue();
  }

  @Test
  void aWeakTagNeverMatchesBecauseIfMatchComparesStrongly() {
    IfMatch weak = IfMatch.parse("W/\"2\"");
    assertThat(weak.matches(2)).isFalse();
    assertThatThrownBy(() -> weak.check(2))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("weak tag never matches");
  }

  @Test
  void aListMatchesWhenAnyStrongTagDoes() {
    IfMatch list = IfMatch.parse("W/\"3\", \"1\" ,\"opaque\"");
    assertThat(list.matches(1)).isTrue();
    assertThat(list.matches(3)).isFalse();
  }

  @Test
  void aMissingHeaderIsRequiredAndAMalformedOneRefusedNamingIt() {
    assertThatThrownBy(() -> IfMatch.parse(null)).isInstanceOf(PreconditionRequiredException.class);
    assertThatThrownBy(() -> IfMatch.parse("  ")).isInstanceOf(PreconditionRequiredException.class);
    for (String malformed : new String[] {"3", "\"3", "\"3\" \"4\"", "\"3\",", "W/3", "*, \"3\""}) {
      assertThatThrownBy(() -> IfMatch.parse(malformed))
          .as(malformed)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.problems()).extracting(p -> p.getKey()).containsExactly("If-Match"));
    }
  }
}
