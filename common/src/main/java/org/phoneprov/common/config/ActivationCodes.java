package org.phoneprov.common.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.provision.Model;

/**
 * Reads an inventory entry reached by an activation code:
 * <pre>
 * - activation_code: "12387426549864#0815"   # as printed on the customer's letter
 *   activation: locked                      # or one-shot; locked when not said
 *   model: N510
 *   lines: [...]
 * </pre>
 * The code's rules are the Gigaset seed's ("Security aspects"): at most 32 characters, the
 * provider identification (3 characters, one of {@code gigaset.providers[].id}), the code, and an
 * optional password after a '#'. The provider id and the code are digits, as Gigaset's demo
 * schema has them ({@code <ACTIVATION_CODE>}: {@code [0-9]{1,29}}, docs/vendor-formats.md 2.1):
 * a customer types them on a handset keypad.
 */
final class ActivationCodes {
    static final int MAX_LENGTH = 32;
    private static final int ID_LENGTH = 3;

    private ActivationCodes() {
    }

    static void read(MapView d, GigasetSettings gigaset, Problems problems, Map<String, ActivationCode> out) {
        d.allowOnly("activation_code", "activation", "model", "lines", "vars");
        Optional<Model> model = InventoryReader.model(d, problems);
        model.filter(m -> !m.isGigaset()).ifPresent(m -> problems.add(d.at("model"), d.keyPath("model"), "an "
                + "activation code is a Gigaset method; a " + m + " is found by its MAC: write mac instead"));
        ActivationCode.Lock lock = ActivationCode.Lock.LOCKED;
        Optional<String> variant = d.string("activation");
        if (variant.isPresent()) {
            switch (variant.get().toLowerCase(Locale.ROOT)) {
                case "locked" -> lock = ActivationCode.Lock.LOCKED;
                case "one-shot", "one_shot", "oneshot" -> lock = ActivationCode.Lock.ONE_SHOT;
                default -> problems.add(d.at("activation"), d.keyPath("activation"), "'" + variant.get()
                        + "' is not one of locked (keeps working for the phone that used it first), one-shot (works once)");
            }
        }
        var lines = InventoryReader.lines(d, problems);
        Map<String, String> vars = d.stringMap("vars");
        Optional<String[]> parsed = d.requiredString("activation_code").flatMap(text -> parse(d, text, problems));
        if (parsed.isEmpty() || model.isEmpty() || !model.get().isGigaset()) {
            return;
        }
        String user = parsed.get()[0];
        Optional<GigasetSettings.Provider> provider = gigaset.providerWithId(user.substring(0, ID_LENGTH));
        if (provider.isEmpty()) {
            problems.add(d.at("activation_code"), d.keyPath("activation_code"), "starts with the provider id "
                    + user.substring(0, ID_LENGTH) + ", which no entry of gigaset.providers has (write it as its id:)");
            return;
        }
        ActivationCode previous = out.get(user);
        if (previous != null) {
            problems.add(d.at("activation_code"), d.keyPath("activation_code"), "the same code as the entry at "
                    + previous.at().file().getFileName() + ":" + previous.at().line() + ":" + previous.at().column());
            return;
        }
        out.put(user, new ActivationCode(user, parsed.get()[1], lock, provider.get().name(), model.get(), lines, vars,
                d.at("activation_code")));
    }

    /** {user, password}; problems say where the rule is broken, never the password. */
    private static Optional<String[]> parse(MapView d, String text, Problems problems) {
        String rule = "an activation code is at most " + MAX_LENGTH + " characters: the 3-digit provider id, the "
                + "code's digits, and optionally '#' and a password (Gigaset seed: 12387426549864#0815)";
        int hash = text.indexOf('#');
        String user = hash < 0 ? text : text.substring(0, hash);
        String password = hash < 0 ? "" : text.substring(hash + 1);
        String wrong = null;
        if (text.length() > MAX_LENGTH) {
            wrong = "it has " + text.length() + " characters";
        } else if (!user.matches("[0-9]{" + (ID_LENGTH + 1) + ",}")) {
            wrong = "the part before '#' is not 4 or more digits";
        } else if (hash >= 0 && (password.isEmpty() || !password.chars().allMatch(c -> c > 0x20 && c < 0x7f
                && c != '#'))) {
            wrong = "the password after '#' is empty or has a space, a second '#' or a character that is not "
                    + "printable ASCII";
        }
        if (wrong != null) {
            problems.add(d.at("activation_code"), d.keyPath("activation_code"), rule + "; " + wrong);
            return Optional.empty();
        }
        return Optional.of(new String[] {user, password});
    }
}
