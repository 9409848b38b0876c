package org.phoneprov.phonesim.cwmp;

/**
 * Who the CPE says it is in every Inform's DeviceId (TR-069 Amendment 6, A.3.3.1
 * DeviceIdStruct), and DeviceInfo says the same (TR-106): the OUI is six upper-case hex digits
 * of the manufacturer's IEEE OUI, the serial number here the phone's MAC.
 */
public record CpeIdentity(String manufacturer, String oui, String productClass, String serialNumber,
                          String softwareVersion, String hardwareVersion) {
}
