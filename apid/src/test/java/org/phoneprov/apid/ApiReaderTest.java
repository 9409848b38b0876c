package org.phoneprov.apid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.Problem;

class ApiReaderTest {
    static final String TOKEN = "a-token-of-at-least-thirty-two-characters";

    @TempDir
    Path dir;

    LoadResult load(String api) throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, "suite: {address: 192.0.2.10}\npaths: {files: files, state: state}\n" + api);
        return ConfigLoader.load(cfg, FakeSuite.READERS);
    }

    String problems(LoadResult r) {
        return r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void offWithoutTheSectionAndTokensOnlyAsTheirHash() throws Exception {
        LoadResult none = load("");
        assertTrue(none.isOk(), problems(none));
        assertFalse(none.config().orElseThrow().listen(ApiReader.SECTION).enabled());
        Files.writeString(dir.resolve("admin.token"), TOKEN + "\n");
        LoadResult r = load("api:\n  bind: 127.0.0.1\n  tokens:\n    - {name: admin, token_file: admin.token}\n"
                + "    - {name: viewer, token: \"" + TOKEN + "-2\", role: read}\n");
        assertTrue(r.isOk(), problems(r));
        ApiSettings s = r.config().orElseThrow().settings(ApiReader.SECTION);
        assertEquals(9443, r.config().orElseThrow().listen(ApiReader.SECTION).port());
        assertEquals(List.of("admin", "viewer"), s.tokens().stream().map(ApiSettings.Token::name).toList());
        assertArrayEquals(ApiReader.sha256(TOKEN), s.tokens().get(0).sha256(), "the file's line end is not part of it");
        assertEquals(ApiSettings.Role.READ, s.tokens().get(1).role());
        assertFalse(s.toString().contains(TOKEN), s.toString());
        assertEquals(9, s.wrongTokens().notFound(), "the 10th wrong token blocks");
    }

    @Test
    void everyMistakeIsALocatedProblemThatNeverEchoesTheToken() throws Exception {
        LoadResult r = load("api:\n  tokens:\n    - {name: admin, token: short}\n    - {name: admin, token: \"" + TOKEN
                + "\"}\n    - {name: x, token: \"" + TOKEN + "\", role: boss}\n    - {name: y, token_file: nope.token}\n"
                + "    - {name: z}\n");
        String p = problems(r);
        assertFalse(r.isOk());
        assertTrue(p.contains("phoneprov.yaml:4:3: api.tls:"), p);
        assertTrue(p.contains("phoneprov.yaml:5:"), p);
        assertTrue(p.contains("api.tokens[0].token: a token is 32 to 512"), p);
        assertTrue(p.contains("'admin' names another token already"), p);
        assertTrue(p.contains("'boss' is not one of admin, read"), p);
        assertTrue(p.contains("cannot read") && p.contains("nope.token"), p);
        assertTrue(p.contains("give exactly one of token and token_file"), p);
        assertTrue(p.contains("give it tls: {cert, key}, or bind it to 127.0.0.1 (now 0.0.0.0)"), p);
        assertFalse(p.contains("short") && p.contains("token: short"), p);
        assertFalse(p.contains(TOKEN), p);
    }

    @Test
    void anEnabledApiNeedsATokenAndTheSameTokenTwiceIsRefused() throws Exception {
        String p = problems(load("api: {bind: 127.0.0.1}\n"));
        assertTrue(p.contains("api.tokens: missing; the API needs at least one token"), p);
        String twice = problems(load("api:\n  bind: 127.0.0.1\n  tokens:\n    - {name: a, token: \"" + TOKEN
                + "\"}\n    - {name: b, token: \"" + TOKEN + "\"}\n"));
        assertTrue(twice.contains("the same token as another entry"), twice);
        assertTrue(load("api: {enabled: false}\n").isOk(), "a disabled API needs nothing");
    }
}
