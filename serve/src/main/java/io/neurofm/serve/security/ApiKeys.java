package io.neurofm.serve.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured API keys, kept only as SHA-256 hashes (the raw keys are dropped once hashed). A
 * presented key is hashed and compared with every stored hash in constant time (no early exit), so
 * neither the timing of one comparison nor which key matched leaks anything.
 */
public final class ApiKeys {
    private final List<byte[]> hashes;

    public ApiKeys(List<String> rawKeys) {
        List<byte[]> h = new ArrayList<>(rawKeys.size());
        for (String key : rawKeys) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("an API key must not be blank");
            }
            h.add(sha256(key.strip()));
        }
        this.hashes = List.copyOf(h);
    }

    /** True when no key is configured: every request is let through (open mode, for localhost). */
    public boolean open() {
        return hashes.isEmpty();
    }

    public int count() {
        return hashes.size();
    }

    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = sha256(presented);
        boolean found = false;
        for (byte[] hash : hashes) {
            found |= MessageDigest.isEqual(hash, candidate);
        }
        return found;
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
