package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.LegacySigner;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known vectors for the Ethereum conventions, and recovery against an independent signer. */
class EthereumTest {

    @Test
    void keccakOfTheEmptyStringIsTheKnownVector() {
        assertThat(HexFormat.of().formatHex(Ethereum.keccak256(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void privateKeyOneHasTheKnownAddress() {
        assertThat(Ethereum.addressOf(BigInteger.ONE)).isEqualTo("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
        assertThat(new LegacySigner(BigInteger.ONE).address()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void acceptsTheEip55Examples(String address) {
        assertThat(Ethereum.normaliseAddress(address)).hasValue(address.substring(2).toLowerCase());
        String flipped = address.substring(0, 2) + (Character.isUpperCase(address.charAt(3))
                ? address.substring(2, 3) + Character.toLowerCase(address.charAt(3))
                : address.substring(2, 3) + Character.toUpperCase(address.charAt(3))) + address.substring(4);
        if (!flipped.equals(address)) {
            assertThat(Ethereum.normaliseAddress(flipped)).as("a wrong checksum").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "7e5f4552091a69125d5dfcb7b8c2659029395bdf", "0x7e5f4552091a69125d5dfcb7b8c2659029395bd",
            "0x7e5f4552091a69125d5dfcb7b8c2659029395bdg", "0X7e5f4552091a69125d5dfcb7b8c2659029395bdf"})
    void refusesMalformedAddresses(String address) {
        assertThat(Ethereum.normaliseAddress(address)).isEmpty();
    }

    @Test
    void refusesDigitsOutsideAscii() {
        assertThat(Ethereum.normaliseAddress("0x" + "\u0663".repeat(40))).isEmpty();
        assertThat(Ethereum.normaliseAddress("0x" + "\uff11".repeat(40))).isEmpty();
    }

    @Test
    void acceptsAllLowerAndAllUpperWithoutChecksum() {
        assertThat(Ethereum.normaliseAddress("0x7E5F4552091A69125D5DFCB7B8C2659029395BDF"))
                .hasValue("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    @Test
    void recoversTheAddressOfAnIndependentSigner() {
        for (int i = 0; i < 50; i++) {
            LegacySigner signer = LegacySigner.random();
            byte[] message = ("message " + i).getBytes();
            byte[] signature = signer.sign(message);
            assertThat(Ethereum.recoverAddress(LegacySigner.keccak(message), signature))
                    .hasValue(signer.address().substring(2));
            byte[] zeroOne = signature.clone();
            zeroOne[64] -= 27;
            assertThat(Ethereum.recoverAddress(LegacySigner.keccak(message), zeroOne)).hasValue(signer.address().substring(2));
        }
    }

    @Test
    void refusesTheHighSTwin() {
        LegacySigner signer = LegacySigner.random();
        byte[] signature = signer.sign("twin".getBytes());
        assertThat(Ethereum.recoverAddress(LegacySigner.keccak("twin".getBytes()), LegacySigner.highSTwin(signature)))
                .isEmpty();
    }

    @Test
    void refusesOutOfRangeValues() {
        byte[] digest = new byte[32];
        byte[] zeros = new byte[65];
        zeros[64] = 27;
        assertThat(Ethereum.recoverAddress(digest, zeros)).isEmpty();
        byte[] badV = LegacySigner.random().sign("v".getBytes());
        badV[64] = 29;
        assertThat(Ethereum.recoverAddress(LegacySigner.keccak("v".getBytes()), badV)).isEmpty();
        byte[] ones = new byte[65];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(Ethereum.recoverAddress(digest, ones)).isEmpty();
    }
}
