package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailDropFolderTests {

  @Test
  void namesSortByArrivalAndShowRecipientAndSubject() {
    assertThat(
            MailDropFolder.fileName(
                1, "shen.jie@bast.example.org", "Invitation: 2022 theory-discussing meeting"))
        .isEqualTo("0001-shen.jie@bast.example.org-Invitation-2022-theory-discussing-meeting.eml");
  }

  @Test
  void namesKeepChineseSubjectsButNothingThatSeparatesPaths() {
    assertThat(MailDropFolder.fileName(12, "li.na@bast.example.org", "邀请：2022年理论务虚会 / ../etc"))
        .isEqualTo("0012-li.na@bast.example.org-邀请-2022年理论务虚会-..-etc.eml");
  }

  @Test
  void longSubjectsAreCutAtAWordAndMissingOnesNamed() {
    assertThat(
            MailDropFolder.fileName(
                5,
                "chen.weicheng@bast.example.org",
                "Invitation: 2022 theory-discussing meeting @ Saturday, November 28, 2026 02:00"))
        .isEqualTo(
            "0005-chen.weicheng@bast.example.org-Invitation-2022-theory-discussing-meeting-Saturday-November.eml");
    assertThat(MailDropFolder.fileName(3, "a@example.org", "x".repeat(100)))
        .isEqualTo("0003-a@example.org-" + "x".repeat(60) + ".eml");
    assertThat(MailDropFolder.fileName(4, "a@example.org", null))
        .isEqualTo("0004-a@example.org-message.eml");
  }

  @Test
  void filesOfAnEarlierRunAreRemoved(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("0001-old@example.org-Invitation.eml"), "old");
    Files.writeString(dir.resolve("notes.txt"), "kept");

    new MailDropFolder(dir);

    assertThat(dir.toFile().list()).containsExactly("notes.txt");
  }
}
