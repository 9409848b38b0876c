package org.phoneprov.apid.routes;

import org.phoneprov.apid.state.DeviceStates;
import org.phoneprov.common.daemon.SuiteControl;

/** Every route of the API once, shared by the JSON router and the dashboard, so both show the same. */
public record Routes(DeviceRoutes devices, EventRoutes events, LeaseRoutes leases, NotifyRoute checkSync,
                     ReloadRoute reload, HealthRoute health) {
    public static Routes of(SuiteControl control, DeviceStates states) {
        return new Routes(new DeviceRoutes(control, states), new EventRoutes(control), new LeaseRoutes(control),
                new NotifyRoute(control), new ReloadRoute(control), new HealthRoute(control));
    }
}
