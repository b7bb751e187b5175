// How long the kubelet's steps take in simulated time.

/** Simulated durations (ms) of the steps a real kubelet/runtime takes. */
export const KUBELET_TIMING = { sandbox: 400, imagePull: 2200, create: 150, start: 200, initRun: 1000, statusSync: 10_000, cniRetry: 5_000, leaseRenew: 10_000, stop: 300 };
