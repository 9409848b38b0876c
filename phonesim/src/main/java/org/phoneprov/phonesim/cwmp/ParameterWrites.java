package org.phoneprov.phonesim.cwmp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SetParameterValues and SetParameterAttributes on a {@link ParameterTree}, all or nothing:
 * "the CPE MUST apply the changes to each of the specified Parameters atomically ... if the
 * CPE cannot apply any one of them, it MUST NOT apply any of them" (TR-069 Amendment 6,
 * A.3.2.1), answering fault 9003 with a SetParameterValuesFault per parameter in error (9005
 * unknown, 9006 wrong xsi:type, 9007 bad value, 9008 not writable); the same name twice is
 * 9003 on its own. SetParameterAttributes is atomic the same way (A.3.2.4).
 */
public final class ParameterWrites {
    /** One ParameterValueStruct of a request; {@code xsiType} empty when the ACS gave none. */
    public record Write(String name, String value, Optional<String> xsiType) {
    }

    /** One SetParameterAttributesStruct. */
    public record AttributeChange(String name, boolean notificationChange, int notification,
                                  boolean accessListChange, List<String> accessList) {
        public AttributeChange {
            accessList = List.copyOf(accessList);
        }
    }

    private ParameterWrites() {
    }

    /** Applies every write, and the ParameterKey, or none of them. Returns the Status (0: applied). */
    public static int setValues(ParameterTree tree, List<Write> writes, String parameterKey) throws CwmpFault {
        Set<String> seen = new HashSet<>();
        List<CwmpFault.ParamFault> faults = new ArrayList<>();
        Map<String, String> apply = new LinkedHashMap<>();
        for (Write w : writes) {
            if (!seen.add(w.name())) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "parameter named twice: " + w.name());
            }
            Optional<CwmpFault.ParamFault> f = check(tree, w);
            if (f.isPresent()) {
                faults.add(f.get());
            } else {
                apply.put(w.name(), tree.def(w.name()).type().canonical(w.value()));
            }
        }
        if (!faults.isEmpty()) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, CwmpFault.standardText(CwmpFault.INVALID_ARGUMENTS),
                    faults);
        }
        apply.forEach(tree::put);
        tree.put(tree.root() + "ManagementServer.ParameterKey", parameterKey);
        return 0;
    }

    private static Optional<CwmpFault.ParamFault> check(ParameterTree tree, Write w) {
        if (tree.value(w.name()).isEmpty()) {
            return fault(w, CwmpFault.INVALID_PARAMETER_NAME, "no such parameter");
        }
        NodeDef d = tree.def(w.name());
        if (!d.writable()) {
            return fault(w, CwmpFault.NON_WRITABLE, "read-only");
        }
        if (w.xsiType().isPresent()) {
            Optional<ParamType> given = ParamType.parse(w.xsiType().get());
            if (given.isEmpty() || given.get() != d.type()) {
                return fault(w, CwmpFault.INVALID_PARAMETER_TYPE, "is " + d.type().xsiType() + ", not "
                        + w.xsiType().get());
            }
        }
        return d.invalid(w.value()).flatMap(why -> fault(w, CwmpFault.INVALID_PARAMETER_VALUE, why));
    }

    private static Optional<CwmpFault.ParamFault> fault(Write w, int code, String why) {
        return Optional.of(new CwmpFault.ParamFault(w.name(), code, CwmpFault.standardText(code) + ": " + why));
    }

    /**
     * A.3.2.4: a partial path sets every parameter below it. Notification 0-2 is what this CPE
     * does (no lightweight notification, 3-6), anything else is 9009.
     */
    public static void setAttributes(ParameterTree tree, List<AttributeChange> changes) throws CwmpFault {
        Map<String, ParameterTree.Attributes> next = new LinkedHashMap<>();
        for (AttributeChange c : changes) {
            if (c.notificationChange() && (c.notification() < 0 || c.notification() > 2)) {
                throw new CwmpFault(CwmpFault.NOTIFICATION_REJECTED, "notification " + c.notification()
                        + " not supported for " + c.name());
            }
            for (String p : tree.params(c.name())) {
                ParameterTree.Attributes now = next.getOrDefault(p, tree.attributes(p));
                next.put(p, new ParameterTree.Attributes(c.notificationChange() ? c.notification() : now.notification(),
                        c.accessListChange() ? c.accessList() : now.accessList()));
            }
        }
        next.forEach((name, a) -> {
            if (a.equals(ParameterTree.Attributes.DEFAULT)) {
                tree.attributes.remove(name);
            } else {
                tree.attributes.put(name, a);
            }
        });
    }
}
