package org.phoneprov.sipd.notify;

import java.util.Locale;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/** Which inventory phones a check-sync goes to: one MAC, every phone of a model, or all. */
public sealed interface Selection {

    record OneMac(Mac mac) implements Selection {
        @Override
        public boolean includes(Device d) {
            return d.mac().equals(mac);
        }
    }

    record OneModel(Model model) implements Selection {
        @Override
        public boolean includes(Device d) {
            return d.model() == model;
        }
    }

    record All() implements Selection {
        @Override
        public boolean includes(Device d) {
            return true;
        }
    }

    boolean includes(Device d);

    static Selection mac(Mac mac) {
        return new OneMac(mac);
    }

    static Selection model(Model model) {
        return new OneModel(model);
    }

    static Selection all() {
        return new All();
    }

    /** {@code all}, a model name ({@code ST2030S}) or a MAC in any usual notation; empty otherwise. */
    static Optional<Selection> parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.toLowerCase(Locale.ROOT).equals("all")) {
            return Optional.of(all());
        }
        Optional<Model> model = Model.parse(t);
        if (model.isPresent()) {
            return Optional.of(model(model.get()));
        }
        return Mac.parse(t).map(Selection::mac);
    }
}
