package org.phoneprov.acsd.rpc;

import java.util.List;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.cwmp.XmlText;

/**
 * An RPC the ACS calls on a CPE (TR-069 Amendment 6, Annex A.3.1, A.3.2 and A.4.1), with the
 * arguments the annex lists in their order. {@link #write} writes the arguments inside the
 * {@code cwmp:METHOD} element; the response comes back as {@code METHODResponse}.
 */
public sealed interface RpcRequest {
    /** The RPC's name as on the wire. */
    String method();

    void write(XmlText x);

    /** The CommandKey or ParameterKey the request carries, by which a later Inform shows it took effect. */
    default String key() {
        return "";
    }

    /** The same request with {@code key} as its CommandKey or ParameterKey; itself when it carries none. */
    default RpcRequest withKey(String key) {
        return this;
    }

    /** A.3.1.1: no arguments; the response lists the methods the CPE supports. */
    record GetRPCMethods() implements RpcRequest {
        public String method() {
            return "GetRPCMethods";
        }

        public void write(XmlText x) {
        }
    }

    /** A.3.2.3: a partial path ending in "." (or a full name), and whether only the next level. */
    record GetParameterNames(String path, boolean nextLevel) implements RpcRequest {
        public String method() {
            return "GetParameterNames";
        }

        public void write(XmlText x) {
            x.leaf("ParameterPath", path).leaf("NextLevel", nextLevel);
        }
    }

    /** A.3.2.2: full names or partial paths. */
    record GetParameterValues(List<String> names) implements RpcRequest {
        public GetParameterValues {
            names = List.copyOf(names);
        }

        public String method() {
            return "GetParameterValues";
        }

        public void write(XmlText x) {
            strings(x, "ParameterNames", names);
        }
    }

    /**
     * A.3.2.1: the values, and the ParameterKey the CPE stores in ManagementServer.ParameterKey
     * once they are applied (so the next Inform shows whether they were).
     */
    record SetParameterValues(List<ParameterValue> values, String parameterKey) implements RpcRequest {
        public SetParameterValues {
            values = List.copyOf(values);
        }

        public String method() {
            return "SetParameterValues";
        }

        public void write(XmlText x) {
            ParameterValue.write(x, values);
            x.leaf("ParameterKey", parameterKey);
        }

        @Override
        public RpcRequest withKey(String key) {
            return new SetParameterValues(values, key);
        }

        @Override
        public String key() {
            return parameterKey;
        }
    }

    /** A.3.2.4 SetParameterAttributesStruct: notification 0 off, 1 passive, 2 active; AccessList "Subscriber" or none. */
    record AttributeChange(String name, boolean notificationChange, int notification, boolean accessListChange,
                           List<String> accessList) {
        public AttributeChange {
            accessList = List.copyOf(accessList);
        }
    }

    /** A.3.2.4. */
    record SetParameterAttributes(List<AttributeChange> changes) implements RpcRequest {
        public SetParameterAttributes {
            changes = List.copyOf(changes);
        }

        public String method() {
            return "SetParameterAttributes";
        }

        public void write(XmlText x) {
            x.open("ParameterList", "soap-enc:arrayType", "cwmp:SetParameterAttributesStruct[" + changes.size() + "]");
            for (AttributeChange c : changes) {
                x.open("SetParameterAttributesStruct").leaf("Name", c.name())
                        .leaf("NotificationChange", c.notificationChange()).leaf("Notification", c.notification())
                        .leaf("AccessListChange", c.accessListChange());
                strings(x, "AccessList", c.accessList());
                x.close("SetParameterAttributesStruct");
            }
            x.close("ParameterList");
        }
    }

    /** A.3.2.5. */
    record GetParameterAttributes(List<String> names) implements RpcRequest {
        public GetParameterAttributes {
            names = List.copyOf(names);
        }

        public String method() {
            return "GetParameterAttributes";
        }

        public void write(XmlText x) {
            strings(x, "ParameterNames", names);
        }
    }

    /** A.3.2.6: a path name ending in "." of a multi-instance object. */
    record AddObject(String objectName, String parameterKey) implements RpcRequest {
        public String method() {
            return "AddObject";
        }

        public void write(XmlText x) {
            x.leaf("ObjectName", objectName).leaf("ParameterKey", parameterKey);
        }

        @Override
        public RpcRequest withKey(String key) {
            return new AddObject(objectName, key);
        }

        @Override
        public String key() {
            return parameterKey;
        }
    }

    /** A.3.2.7: the path of one instance, ending in ".". */
    record DeleteObject(String objectName, String parameterKey) implements RpcRequest {
        public String method() {
            return "DeleteObject";
        }

        public void write(XmlText x) {
            x.leaf("ObjectName", objectName).leaf("ParameterKey", parameterKey);
        }

        @Override
        public RpcRequest withKey(String key) {
            return new DeleteObject(objectName, key);
        }

        @Override
        public String key() {
            return parameterKey;
        }
    }

    /** A.3.2.9 (Reboot): the next Inform carries "1 BOOT" and "M Reboot" with this CommandKey. */
    record Reboot(String commandKey) implements RpcRequest {
        public String method() {
            return "Reboot";
        }

        public void write(XmlText x) {
            x.leaf("CommandKey", commandKey);
        }

        @Override
        public RpcRequest withKey(String key) {
            return new Reboot(key);
        }

        @Override
        public String key() {
            return commandKey;
        }
    }

    /**
     * A.3.2.8 (Download). FileType "1 Firmware Upgrade Image" for firmware; Username and
     * Password are what the CPE answers the file server's digest challenge with (the Gigaset
     * seed: "The digest authentication must be used for file transfer"). The outcome comes
     * later in a TransferComplete with this CommandKey.
     */
    record Download(String commandKey, String fileType, String url, String username, String password, long fileSize,
                    String targetFileName, long delaySeconds, String successUrl, String failureUrl)
            implements RpcRequest {
        public static final String FIRMWARE = "1 Firmware Upgrade Image";

        public String method() {
            return "Download";
        }

        public void write(XmlText x) {
            x.leaf("CommandKey", commandKey).leaf("FileType", fileType).leaf("URL", url).leaf("Username", username)
                    .leaf("Password", password).leaf("FileSize", fileSize).leaf("TargetFileName", targetFileName)
                    .leaf("DelaySeconds", delaySeconds).leaf("SuccessURL", successUrl).leaf("FailureURL", failureUrl);
        }

        @Override
        public RpcRequest withKey(String key) {
            return new Download(key, fileType, url, username, password, fileSize, targetFileName, delaySeconds, successUrl,
                    failureUrl);
        }

        @Override
        public String key() {
            return commandKey;
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "Download[commandKey=" + commandKey + ", fileType=" + fileType + ", url=" + url + ", username="
                    + username + ", password=***, fileSize=" + fileSize + ", targetFileName=" + targetFileName
                    + ", delaySeconds=" + delaySeconds + "]";
        }
    }

    /** A.4.1 (FactoryReset, optional for a CPE; the Gigaset seed's one required optional method). */
    record FactoryReset() implements RpcRequest {
        public String method() {
            return "FactoryReset";
        }

        public void write(XmlText x) {
        }
    }

    /** {@code <name soap-enc:arrayType="xsd:string[n]"><string>..</string>...</name>} (SOAP 1.1 5.4.2 arrays, as TR-069 A.2 uses them). */
    private static void strings(XmlText x, String name, List<String> values) {
        x.open(name, "soap-enc:arrayType", "xsd:string[" + values.size() + "]");
        values.forEach(v -> x.leaf("string", v));
        x.close(name);
    }
}
