package org.brainalign.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** SHA-256 against the FIPS 180-2 test vectors. */
class Sha256Test {

    @Test
    void matchesTheStandardVectors() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        MessageDigest md = Sha256.newDigest();
        md.update("ab".getBytes(StandardCharsets.US_ASCII));
        md.update("c".getBytes(StandardCharsets.US_ASCII));
        assertThat(Sha256.hex(md)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
