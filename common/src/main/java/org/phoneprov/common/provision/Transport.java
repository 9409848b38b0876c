package org.phoneprov.common.provision;

/** How a phone fetches its files; the INF names files for TFTP and URLs for HTTP (seed 2.4.3, 2.5.3). */
public enum Transport { TFTP, HTTP }
