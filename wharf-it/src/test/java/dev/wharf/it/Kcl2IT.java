package dev.wharf.it;

import dev.wharf.it.KclWorkerProcess.Kcl;

/** The real KCL 2.x ({@code wharf-kcl2-worker}, the same application built against it) on Wharf: the shared scenarios. */
class Kcl2IT extends KclScenarios {

    Kcl2IT() {
        super(Kcl.V2, "kcl2-app");
    }
}
