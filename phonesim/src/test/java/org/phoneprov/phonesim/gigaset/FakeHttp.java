package org.phoneprov.phonesim.gigaset;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.phoneprov.phonesim.net.HttpReply;

/** A {@link ProfileHttp} answering from a function of the request; records what it was asked. */
final class FakeHttp implements ProfileHttp {
    record Asked(URI uri, Map<String, String> headers) {
    }

    final List<Asked> asked = new ArrayList<>();
    private final BiFunction<URI, Map<String, String>, HttpReply> answer;
    int closed;

    FakeHttp(BiFunction<URI, Map<String, String>, HttpReply> answer) {
        this.answer = answer;
    }

    static HttpReply status(int status, String... headers) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.computeIfAbsent(headers[i].toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new HttpReply.Answered(status, h, new byte[0]);
    }

    static HttpReply ok(byte[] body) {
        return new HttpReply.Answered(200, Map.of(), body);
    }

    static HttpReply ok(String body) {
        return ok(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public HttpReply get(URI uri, Map<String, String> headers) {
        asked.add(new Asked(uri, Map.copyOf(headers)));
        return answer.apply(uri, headers);
    }

    @Override
    public void close() {
        closed++;
    }
}
