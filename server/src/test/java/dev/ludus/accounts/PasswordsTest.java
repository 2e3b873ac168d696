package dev.ludus.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Argon2id through BouncyCastle, in PHC string format, as the reference implementation (libargon2) writes it. */
class PasswordsTest {

    private final Passwords passwords = new Passwords();

    private static byte[] countingSalt() {
        byte[] salt = new byte[16];
        IntStream.range(0, 16).forEach(i -> salt[i] = (byte) i);
        return salt;
    }

    @Test
    void hashesAsTheReferenceImplementationWithOwaspsMinimumParameters() {
        // argon2id_hash_encoded(t=2, m=19456, p=1, "correct horse battery staple é", salt 00..0f, 32) of libargon2
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$hrb8ZM1cEMZRww7Ofqc8obw7/W4K2QxOXQLh86YlCvI";

        assertThat(passwords.hash("correct horse battery staple é", countingSalt())).isEqualTo(reference);
        assertThat(passwords.verify("correct horse battery staple é", reference)).isTrue();
        assertThat(passwords.verify("correct horse battery staple e", reference)).isFalse();
    }

    @Test
    void verifiesAHashMadeWithOtherParametersByTheParametersItNames() {
        // libargon2: t=3, m=8192, p=2, salt "saltsaltsaltsalt", 24-byte hash
        String reference = "$argon2id$v=19$m=8192,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$jq4dJBE2kuweAucdTiuCib6CfRmg4aYc";

        assertThat(passwords.verify("another password", reference)).isTrue();
        assertThat(passwords.verify("another passwore", reference)).isFalse();
    }

    @Test
    void eachHashHasAFreshSixteenByteSalt() {
        String first = passwords.hash("the same password");
        String second = passwords.hash("the same password");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(second).isNotEqualTo(first);
        assertThat(passwords.verify("the same password", first)).isTrue();
        assertThat(passwords.verify("the same password", second)).isTrue();
    }

    @Test
    void aMalformedOrForeignHashVerifiesNothing() {
        String good = passwords.hash("a fine password");

        assertThat(passwords.verify("a fine password", good.replace("argon2id", "argon2i"))).isFalse();
        assertThat(passwords.verify("a fine password", good.replace("v=19", "v=16"))).isFalse();
        assertThat(passwords.verify("a fine password", good.replace("m=19456", "m=99999999"))).isFalse();
        assertThat(passwords.verify("a fine password", good.substring(0, good.lastIndexOf('$')))).isFalse();
        assertThat(passwords.verify("a fine password", "")).isFalse();
        assertThat(passwords.verify("a fine password", null)).isFalse();
        assertThat(passwords.verify("a fine password", "a fine password")).isFalse();
    }
}
