package org.phoneprov.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small configs and file roots for tests. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static final String MINIMAL = """
            suite:
              address: 192.0.2.10
            paths:
              files: files
              state: state
            httpd:
              port: 8080
            """;

    public static final String FULL = """
            suite:
              name: office
              address: 192.0.2.10
              check_sync_source: 192.0.2.11
            paths:
              files: files
              state: state
            httpd:
              bind: 0.0.0.0
              port: 8080
            vars:
              timezone: "1"
            models:
              ST2030S:
                firmware: st2030/v100.zz
                melodies: st2030/melody.txt
                tone_table: ToneTable.txt
              ST2030M:
                firmware: st2030/v100m.zz
                deckfiles: [decks/main.thd, decks/call.thd]
                beep_tone: st2030/BT.txt
            classes:
              office:
                match: {models: [ST2030S, ST2022S]}
                vars: {dial_plan: "0x.T"}
            devices:
              - mac: 00:14:7F:E1:47:B3
                model: ST2030S
                lines:
                  - {number: "201", password: s3cret, display_name: Alice, registrar: pbx.example.lan}
              - mac: 00-14-7f-e1-47-b4
                model: ST2030M
                lines:
                  - {number: "301", registrar: ca.example.lan}
              - mac: 00147FE147B5
                model: ST2022S
                lines:
                  - {number: "401", password: other, registrar: pbx.example.lan}
            """;

    /** A folder with {@code phoneprov.yaml} holding {@code yaml} and the files FULL names. */
    public static Path write(Path dir, String yaml) throws IOException {
        for (String f : new String[] {"st2030/v100.zz", "st2030/melody.txt", "ToneTable.txt", "st2030/v100m.zz",
                "decks/main.thd", "decks/call.thd", "st2030/BT.txt"}) {
            Path p = dir.resolve("files").resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content of " + f + "\n");
        }
        Path config = dir.resolve("phoneprov.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
