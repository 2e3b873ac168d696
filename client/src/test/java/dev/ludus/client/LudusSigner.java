package dev.ludus.client;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/** A random secp256k1 key and its address, computed in the test independently of the SDK. */
record LudusSigner(BigInteger privateKey) {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    static LudusSigner random() {
        return new LudusSigner(new BigInteger(250, new SecureRandom()).add(BigInteger.ONE));
    }

    String privateKeyHex() {
        return String.format("%064x", privateKey);
    }

    String address() {
        byte[] encoded = CURVE.getG().multiply(privateKey).normalize().getEncoded(false);
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(encoded, 1, encoded.length - 1);
        byte[] hash = new byte[32];
        keccak.doFinal(hash, 0);
        return "0x" + HexFormat.of().formatHex(Arrays.copyOfRange(hash, 12, 32));
    }
}
