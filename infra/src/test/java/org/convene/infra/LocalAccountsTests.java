package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalAccountsTests {

  @Test
  void theSchedulerGetsEveryAccountAsABuiltInUser() {
    assertThat(LocalAccounts.schedulerArguments())
        .startsWith(
            "--convene.security.mode=basic",
            "--convene.security.users[0].username=office@bast.example.org",
            "--convene.security.users[0].name=BAST General Office",
            "--convene.security.users[0].password=convene",
            "--convene.security.users[0].roles=ORGANISER")
        .contains(
            "--convene.security.users[3].username=ops@bast.example.org",
            "--convene.security.users[3].roles=OPS")
        .hasSize(1 + 4 * LocalAccounts.ALL.size());
  }

  @Test
  void theNotifierReadsTheSchedulersOutboxAsTheOpsAccountTheSchedulerKnows() {
    assertThat(LocalAccounts.notifierOutboxArguments(URI.create("http://localhost:18080")))
        .containsExactly(
            "--convene.notifier.ops.health.scheduler.base-url=http://localhost:18080",
            "--convene.notifier.ops.health.scheduler.username=ops@bast.example.org",
            "--convene.notifier.ops.health.scheduler.password=convene");
    assertThat(LocalAccounts.schedulerArguments())
        .as("the same account is one of the scheduler's OPS users")
        .contains(
            "--convene.security.users[3].username=ops@bast.example.org",
            "--convene.security.users[3].password=convene",
            "--convene.security.users[3].roles=OPS");
  }

  @Test
  void authorizationIsHttpBasicWithTheSharedPassword() {
    String header = LocalAccounts.OPS.authorization();

    assertThat(header).startsWith("Basic ");
    assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
        .isEqualTo("ops@bast.example.org:convene");
  }

  @Test
  void accountsAreFoundByAddressWhateverItsCase() {
    assertThat(LocalAccounts.byUsername("Planning@BAST.example.org"))
        .contains(LocalAccounts.PLANNING);
    assertThat(LocalAccounts.byUsername("nobody@bast.example.org")).isEmpty();
  }
}
