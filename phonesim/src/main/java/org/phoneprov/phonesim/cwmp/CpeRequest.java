package org.phoneprov.phonesim.cwmp;

import java.util.List;

/**
 * An RPC the ACS calls on the CPE (TR-069 Amendment 6, A.3.2 and A.4.1), with the arguments of
 * its table; what the Gigaset seed's RPC table marks REQUIRED for a CPE, and FactoryReset.
 * Any other method is {@link Unknown}, answered 9000.
 */
public sealed interface CpeRequest {
    /** The RPC's name, as in the SOAP body and in {@link #SUPPORTED}. */
    String method();

    /** GetRPCMethodsResponse's MethodList (A.3.2.1 requires GetRPCMethods itself among them). */
    List<String> SUPPORTED = List.of("GetRPCMethods", "GetParameterNames", "GetParameterValues",
            "SetParameterValues", "GetParameterAttributes", "SetParameterAttributes", "AddObject", "DeleteObject",
            "Reboot", "Download", "FactoryReset");

    record GetRPCMethods() implements CpeRequest {
        public String method() {
            return "GetRPCMethods";
        }
    }

    record GetParameterNames(String path, boolean nextLevel) implements CpeRequest {
        public String method() {
            return "GetParameterNames";
        }
    }

    record GetParameterValues(List<String> names) implements CpeRequest {
        public String method() {
            return "GetParameterValues";
        }
    }

    record SetParameterValues(List<ParameterWrites.Write> writes, String parameterKey) implements CpeRequest {
        public String method() {
            return "SetParameterValues";
        }
    }

    record GetParameterAttributes(List<String> names) implements CpeRequest {
        public String method() {
            return "GetParameterAttributes";
        }
    }

    record SetParameterAttributes(List<ParameterWrites.AttributeChange> changes) implements CpeRequest {
        public String method() {
            return "SetParameterAttributes";
        }
    }

    record AddObject(String objectName, String parameterKey) implements CpeRequest {
        public String method() {
            return "AddObject";
        }
    }

    record DeleteObject(String objectName, String parameterKey) implements CpeRequest {
        public String method() {
            return "DeleteObject";
        }
    }

    record Reboot(String commandKey) implements CpeRequest {
        public String method() {
            return "Reboot";
        }
    }

    /** A.3.2.8; FileSize 0 means the ACS did not say. */
    record Download(String commandKey, String fileType, String url, String username, String password,
                    long fileSize, String targetFileName, long delaySeconds) implements CpeRequest {
        public String method() {
            return "Download";
        }

        @Override
        public String toString() {
            return "Download[commandKey=" + commandKey + ", fileType=" + fileType + ", url=" + url + ", username="
                    + username + ", password=***, fileSize=" + fileSize + "]";
        }
    }

    record FactoryReset() implements CpeRequest {
        public String method() {
            return "FactoryReset";
        }
    }

    /** A method this CPE does not implement, or an argument it could not read ({@code why}). */
    record Unknown(String method, String why) implements CpeRequest {
    }
}
