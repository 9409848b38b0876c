package org.phoneprov.phonesim.cwmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated phone's data model: the TR-104 VoiceService rows of the Broadband Forum's
 * tr-104-1-0-0.xml (the {@code tr-104-voiceservice.csv} resource, its source in its header),
 * under {@code Services.}, plus the DeviceInfo and ManagementServer objects every CWMP device
 * has (TR-106 Device:1 / TR-098, which define them alike for both roots) and the root's
 * DeviceSummary. Names are templates relative to the root ({@link NodeDef}).
 */
public final class DataModel {
    static final String RESOURCE = "tr-104-voiceservice.csv";
    private final CwmpRoot root;
    private final Map<String, NodeDef> defs;

    private DataModel(CwmpRoot root, Map<String, NodeDef> defs) {
        this.root = root;
        this.defs = defs;
    }

    public static DataModel tr104(CwmpRoot root) {
        Map<String, NodeDef> d = new LinkedHashMap<>();
        for (NodeDef n : management()) {
            d.put(n.name(), n);
        }
        d.put("Services.", NodeDef.object("Services."));
        for (NodeDef n : voiceService()) {
            d.put(n.name(), n);
        }
        return new DataModel(root, d);
    }

    public CwmpRoot root() {
        return root;
    }

    public List<NodeDef> all() {
        return List.copyOf(defs.values());
    }

    public Optional<NodeDef> byTemplate(String template) {
        return Optional.ofNullable(defs.get(template));
    }

    /** The definition of a concrete name below the root ({@code Device.Services.VoiceService.1.}), if any. */
    public Optional<NodeDef> of(String name) {
        if (!name.startsWith(root.path()) || name.equals(root.path())) {
            return Optional.empty();
        }
        return Optional.ofNullable(defs.get(template(name.substring(root.path().length()))));
    }

    /** {@code Services.VoiceService.1.Line.2.Enable} → {@code Services.VoiceService.{i}.Line.{i}.Enable}. */
    static String template(String relative) {
        StringBuilder b = new StringBuilder();
        for (String seg : relative.split("\\.", -1)) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(!seg.isEmpty() && seg.chars().allMatch(Character::isDigit) ? "{i}" : seg);
        }
        return b.toString();
    }

    /**
     * DeviceInfo and ManagementServer as TR-106 Amendment 1 (Device:1.1) defines them, the
     * parameters TR-069 Amendment 6 3.7 and A.3.3.1 rely on (the ACS URL and credentials,
     * periodic informs, the ParameterKey, the Connection Request URL and credentials).
     */
    private static List<NodeDef> management() {
        List<NodeDef> m = new ArrayList<>();
        m.add(NodeDef.param("DeviceSummary", ParamType.STRING, false, ""));
        m.add(NodeDef.object("DeviceInfo."));
        for (String p : List.of("Manufacturer", "ManufacturerOUI", "ModelName", "Description", "ProductClass",
                "SerialNumber", "HardwareVersion", "SoftwareVersion")) {
            m.add(NodeDef.param("DeviceInfo." + p, ParamType.STRING, false, ""));
        }
        m.add(NodeDef.param("DeviceInfo.ProvisioningCode", ParamType.STRING, true, ""));
        m.add(NodeDef.param("DeviceInfo.UpTime", ParamType.UNSIGNED_INT, false, "0"));
        m.add(NodeDef.object("ManagementServer."));
        m.add(NodeDef.param("ManagementServer.URL", ParamType.STRING, true, ""));
        m.add(NodeDef.param("ManagementServer.Username", ParamType.STRING, true, ""));
        m.add(NodeDef.param("ManagementServer.Password", ParamType.STRING, true, "").hiddenValue());
        m.add(NodeDef.param("ManagementServer.PeriodicInformEnable", ParamType.BOOLEAN, true, "true"));
        m.add(new NodeDef("ManagementServer.PeriodicInformInterval", false, ParamType.UNSIGNED_INT, true, "3600", "1-",
                List.of(), false, Optional.empty()));
        m.add(NodeDef.param("ManagementServer.PeriodicInformTime", ParamType.DATE_TIME, true, "0001-01-01T00:00:00Z"));
        m.add(NodeDef.param("ManagementServer.ParameterKey", ParamType.STRING, false, ""));
        m.add(NodeDef.param("ManagementServer.ConnectionRequestURL", ParamType.STRING, false, ""));
        m.add(NodeDef.param("ManagementServer.ConnectionRequestUsername", ParamType.STRING, true, ""));
        m.add(NodeDef.param("ManagementServer.ConnectionRequestPassword", ParamType.STRING, true, "").hiddenValue());
        m.add(NodeDef.param("ManagementServer.UpgradesManaged", ParamType.BOOLEAN, true, "false"));
        return m;
    }

    /** The resource's rows, each under {@code Services.}. */
    static List<NodeDef> voiceService() {
        InputStream in = DataModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " missing from the phonesim jar");
        }
        List<NodeDef> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                out.add(row(line, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static NodeDef row(String line, int n) {
        String[] f = Arrays.copyOf(line.split(",", -1), 8);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i] == null ? "" : f[i].trim();
        }
        String name = "Services." + f[0];
        boolean writable = f[2].equals("readWrite");
        if (f[1].equals("object")) {
            return new NodeDef(name, true, ParamType.STRING, writable, "", "", List.of(), false,
                    f[7].isEmpty() ? Optional.empty() : Optional.of(f[7]));
        }
        ParamType type = ParamType.parse(f[1]).orElseThrow(() -> new IllegalStateException(
                RESOURCE + ":" + n + ": unknown type " + f[1]));
        List<String> enums = f[5].isEmpty() ? List.of() : List.of(f[5].split("\\|", -1));
        return new NodeDef(name, false, type, writable, f[3], f[4], enums, f[6].equals("hidden"), Optional.empty());
    }
}
