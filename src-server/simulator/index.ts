export { DemoClock } from './clock';
export { Scheduler } from './scheduler';
export { MATURE, STRUGGLING, PROFILES, type Profile, type ProfileName } from './profiles';
export { Simulator, DEFAULT_RATE_PER_DAY, type SimulatorOptions, type SimulatorStats } from './simulator';
