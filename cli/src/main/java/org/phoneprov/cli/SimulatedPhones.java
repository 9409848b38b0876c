package org.phoneprov.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.ActivationCode;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.GigasetSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.ConfigSn;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.SuiteUrls;
import org.phoneprov.phonesim.gigaset.GigasetSetup;
import org.phoneprov.phonesim.phone.PhoneIdentity;

/**
 * Which phones {@code phoneprov simulate} powers up, and how each Gigaset among them is set up:
 * <ul>
 *   <li>{@code --mac} phones, else the inventory's devices (of {@code --model}), then one phone
 *       per activation code of the config (a one-shot code gets one phone, so it is used once),
 *       then generated MACs, {@code --phones} in all;</li>
 *   <li>{@code --retail} phones besides: Gigasets out of the shop whose default redirect server
 *       (Gigaset's {@code profile.gigaset.net/device}) is the suite's
 *       {@code /device/444/1/master.bin} (Gigaset seed, "MAC based autoprovisioning for retail
 *       devices"), so a MAC registered through {@code /apxml/rpc.do} is redirected.</li>
 * </ul>
 * A Gigaset is given the profile key of the provider whose profile it will be served (the
 * inventory device's {@code provider}, or the activation code's): the seed's profiles are
 * "encrypted with AES 128 using a Provider specific encryption key", so a phone that reads them
 * is that provider's variant, key set at the factory. A code's phone gets a stable MAC in
 * Gigaset's OUI, {@code 7C:2F:80:FF:xx:xx} from the code, so a locked code meets the same phone
 * in the next simulation. Plain Java; a wrong argument is an {@link IllegalArgumentException}.
 */
final class SimulatedPhones {
    /** Where Gigaset's own redirect server is, under the suite: the retail variant's first file. */
    static final String RETAIL_PATH = "device/" + GigasetSetup.RETAIL_VARIANT + "/1/master.bin";
    static final Model RETAIL_MODEL = Model.N510;
    private static final long THOMSON_BASE = 0x00147FE00000L;
    private static final long GIGASET_BASE = 0x7C2F80E00000L;
    private static final long CODE_BASE = 0x7C2F80FF0000L;

    record Chosen(List<PhoneIdentity> phones, Map<Mac, GigasetSetup> gigaset) {
        Chosen {
            phones = List.copyOf(phones);
            gigaset = Map.copyOf(gigaset);
        }
    }

    private final SuiteConfig config;
    private final List<PhoneIdentity> out = new ArrayList<>();
    private final Map<Mac, GigasetSetup> setups = new LinkedHashMap<>();
    private final Set<Mac> taken = new HashSet<>();

    private SimulatedPhones(SuiteConfig config) {
        this.config = config;
        taken.addAll(config.devices().keySet());
    }

    static Chosen choose(SuiteConfig c, List<String> macs, List<String> retail, int count, Optional<Model> only,
                         long seed) {
        SimulatedPhones p = new SimulatedPhones(c);
        if (!macs.isEmpty()) {
            for (String item : macs) {
                p.given(item, only);
            }
        } else {
            p.inventory(count, only);
            p.codes(count, only);
            p.generated(count, only, seed);
        }
        for (String item : retail) {
            p.retail(item);
        }
        return new Chosen(p.out, p.setups);
    }

    private void given(String item, Optional<Model> only) {
        Item i = item(item);
        Model m = i.model().or(() -> config.device(i.mac()).map(Device::model)).or(() -> only)
                .orElseThrow(() -> new IllegalArgumentException(i.mac() + " is not in the inventory: say its model, "
                        + "--mac " + i.text() + "=ST2030S"));
        add(new PhoneIdentity(i.mac(), m), config.device(i.mac()).map(this::deviceSetup));
    }

    private void inventory(int count, Optional<Model> only) {
        for (Device d : config.devices().values()) {
            if (out.size() < count && only.map(m -> m == d.model()).orElse(true)) {
                add(new PhoneIdentity(d.mac(), d.model()), Optional.of(deviceSetup(d)));
            }
        }
    }

    private void codes(int count, Optional<Model> only) {
        for (ActivationCode code : config.gigaset().codes().values()) {
            if (out.size() < count && only.map(m -> m == code.model()).orElse(true)) {
                Mac mac = codeMac(code.user());
                taken.add(mac);
                String typed = code.user() + (code.password().isEmpty() ? "" : "#" + code.password());
                add(new PhoneIdentity(mac, code.model()),
                        Optional.of(withKey(GigasetSetup.factory().withCode(typed), code.provider())));
            }
        }
    }

    /** Thomson's OUI for ST20xx models as always; Gigaset's for a Gigaset {@code --model}. */
    private void generated(int count, Optional<Model> only, long seed) {
        List<Model> models = Model.st20xx();
        boolean gigaset = only.map(Model::isGigaset).orElse(false);
        long next = (gigaset ? GIGASET_BASE : THOMSON_BASE) + (seed & 0xFFFF) * 0x10;
        for (int i = 0; out.size() < count; i++, next++) {
            Mac mac = Mac.of(next);
            if (taken.contains(mac)) {
                continue;
            }
            add(new PhoneIdentity(mac, only.orElse(models.get(i % models.size()))), Optional.empty());
        }
    }

    private void retail(String item) {
        Item i = item(item);
        Model m = i.model().or(() -> config.device(i.mac()).map(Device::model)).orElse(RETAIL_MODEL);
        if (!m.isGigaset()) {
            throw new IllegalArgumentException("--retail " + item + ": a retail phone is a Gigaset (N510, N720, C470, "
                    + "C590), not a " + m);
        }
        out.removeIf(p -> p.mac().equals(i.mac()));
        GigasetSetup s = config.device(i.mac()).map(this::deviceSetup).orElse(GigasetSetup.factory())
                .withServer(URI.create(SuiteUrls.of(config).http(RETAIL_PATH)));
        add(new PhoneIdentity(i.mac(), m), Optional.of(s));
    }

    private void add(PhoneIdentity id, Optional<GigasetSetup> setup) {
        out.add(id);
        if (id.model().isGigaset()) {
            setups.put(id.mac(), setup.orElse(GigasetSetup.factory()));
        }
    }

    private GigasetSetup deviceSetup(Device d) {
        return d.provider().map(p -> withKey(GigasetSetup.factory(), p)).orElse(GigasetSetup.factory());
    }

    private GigasetSetup withKey(GigasetSetup s, String provider) {
        return config.gigaset().provider(provider).flatMap(GigasetSettings.Provider::profileKey).map(s::withProfileKey)
                .orElse(s);
    }

    /** {@code 7C:2F:80:FF:xx:xx}, xx:xx from the code's digest; the next free one when taken. */
    private Mac codeMac(String user) {
        int low = Integer.parseInt(ConfigSn.shortHash(user.getBytes(StandardCharsets.UTF_8), 4), 16);
        for (int i = 0; i <= 0xFFFF; i++) {
            Mac mac = Mac.of(CODE_BASE | ((low + i) & 0xFFFF));
            if (!taken.contains(mac)) {
                return mac;
            }
        }
        throw new IllegalArgumentException("no MAC left in 7C:2F:80:FF:00:00/16 for an activation code's phone");
    }

    private record Item(Mac mac, Optional<Model> model, String text) {
    }

    /** {@code MAC} or {@code MAC=MODEL}. */
    private static Item item(String item) {
        int eq = item.indexOf('=');
        String text = eq < 0 ? item : item.substring(0, eq);
        Mac mac = Mac.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a MAC"));
        Optional<Model> given = eq < 0 ? Optional.empty() : Optional.of(Model.parse(item.substring(eq + 1))
                .orElseThrow(() -> new IllegalArgumentException("'" + item.substring(eq + 1) + "' is not a model ("
                        + Model.names() + ")")));
        return new Item(mac, given, text);
    }
}
