package org.phoneprov.phonesim.aps;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.crypto.SerCipher;
import org.phoneprov.common.provision.InfFile;

/**
 * Turns a downloaded config file into the values the phone applies. A name ending in
 * {@code .ser} is decrypted first with the phone's key (seed 6); a file that cannot be
 * decrypted, is not text, or has lines that are neither sections nor {@code key=value}
 * is "Corrupted Config" (2.6: "If the parameter is not correct"; 6: "Parse config file
 * failed"). Values are keyed {@code section.key}; of a repeated key the last wins.
 */
final class ConfigReader {
    static final String CONFIG_SN = "config_sn";

    private ConfigReader() {
    }

    sealed interface Read permits Values, Corrupted {
    }

    /** @param configSn the file's {@code config_sn}, when it has one (MAC configs must, seed 2.1) */
    record Values(Map<String, String> values, Optional<String> configSn, boolean decrypted) implements Read {
    }

    record Corrupted(String why) implements Read {
    }

    static boolean encrypted(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(SerCipher.EXTENSION);
    }

    static Read read(String name, byte[] body, String key) {
        byte[] plain = body;
        boolean decrypted = false;
        if (encrypted(name)) {
            try {
                plain = SerCipher.forKey(key).decrypt(body);
                decrypted = true;
            } catch (IllegalArgumentException e) {
                return new Corrupted("cannot decrypt " + name + ": the phone's Decryption_Key is unusable: "
                        + e.getMessage());
            } catch (SerCipher.BadSerFileException e) {
                return new Corrupted("cannot decrypt " + name + " with the phone's Decryption_Key: " + e.getMessage());
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            return new Corrupted(name + " is not text (UTF-8)" + (decrypted ? " after decryption" : ""));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                return new Corrupted(name + " holds control character 0x" + Integer.toHexString(c) + " at offset " + i);
            }
        }
        InfFile f = InfFile.parse(text);
        if (!f.errors().isEmpty()) {
            return new Corrupted(name + ": " + f.errors().get(0));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (InfFile.Entry e : f.entries()) {
            values.remove(e.section() + "." + e.key());
            values.put(e.section() + "." + e.key(), e.value());
        }
        return new Values(values, f.first(CONFIG_SN).map(String::strip).filter(s -> !s.isEmpty()), decrypted);
    }
}
