package dev.mlsec.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void argon2idHashesVerifyOnlyTheirPasswordAndAreSalted() {
    String h = Passwords.hash("correct horse battery staple");
    assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(Passwords.verify("correct horse battery staple", h)).isTrue();
    assertThat(Passwords.verify("correct horse battery stapl", h)).isFalse();
    assertThat(Passwords.hash("correct horse battery staple")).isNotEqualTo(h);
    assertThat(Passwords.verify("x", "$2a$10$notargon")).isFalse();
  }
}
