package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTests {

  @Test
  void singleLineTurnsEveryKindOfLineBreakAndControlIntoOneSpace() {
    assertThat(SafeText.singleLine(" a\r\nb\rc\nd\u0085e\u2028f\u2029g\th\u0000i\u007fj\u009bk "))
        .isEqualTo("a b c d e f g h i j k");
    assertThat(SafeText.singleLine(null)).isEmpty();
  }

  @Test
  void multiLineKeepsLinesAndTabsAsNewlinesAndDropsOtherControls() {
    assertThat(SafeText.multiLine("a\r\nb\rc\u2028d\te\u0000f\u009b\n"))
        .isEqualTo("a\nb\nc\nd\tef");
  }

  @Test
  void parameterValuesLoseQuotesAndCaretsButKeepSeparatorsWhichQuotingProtects() {
    assertThat(SafeText.parameterValue("\"Shen\" ^Jie; a, b: c\r\n"))
        .isEqualTo("'Shen' \u02c6Jie; a, b: c");
  }
}
