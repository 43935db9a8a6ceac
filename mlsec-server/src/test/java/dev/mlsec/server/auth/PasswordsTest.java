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

  @Test
  void aDamagedOrHostileEncodingVerifiesNothingAndNeverThrows() {
    String h = Passwords.hash("pw");
    String[] parts = h.split("\\$", -1);
    String salt = parts[4];
    String key = parts[5];
    for (String bad :
        new String[] {
          "",
          "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
          "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "$",
          "$argon2id$v=19$m=19456,t=2$" + salt + "$" + key,
          "$argon2id$v=19$m=,t=2,p=1$" + salt + "$" + key,
          "$argon2id$v=19$m=19456,t=2,p=x$" + salt + "$" + key,
          "$argon2id$v=19$m=19456,t=2,p=1,q=3$" + salt + "$" + key,
          "$argon2id$v=19$m=99999999,t=2,p=1$" + salt + "$" + key,
          "$argon2id$v=19$m=19456,t=1000,p=1$" + salt + "$" + key,
          "$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + key,
          "$argon2id$v=19$m=19456,t=2,p=1$not*base64$" + key,
          "$argon2id$v=19$m=19456,t=2,p=1$$" + key,
          "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
        }) assertThat(Passwords.verify("pw", bad)).as(bad).isFalse();
    assertThat(Passwords.verify("pw", h)).isTrue();
  }
}
