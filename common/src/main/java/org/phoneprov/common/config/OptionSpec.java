package org.phoneprov.common.config;

import org.phoneprov.common.config.yaml.Location;

/**
 * A DHCP option the admin configured, encoded once at load: the server copies the bytes.
 *
 * @param code  1..254
 * @param type  how the admin wrote the value (kept for messages and {@code phoneprov check})
 * @param value the option's payload, without code and length
 */
public record OptionSpec(int code, String type, byte[] value, Location at) {
}
