package org.phoneprov.common.provision;

/** The files of seed 2.4.1: the INF, the three configs, and static catalog files. */
public enum FileKind { INF, COMMON_CONFIG, TELCFG, MAC_CONFIG, PROFILE, STATIC }
