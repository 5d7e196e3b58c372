import type { LifecycleSettings, SimulatorState } from './state/simulatorState';

/** What route handlers read at call time: the current state (replaced on reset) and the lifecycle settings. */
export interface SimulatorContext {
  readonly state: SimulatorState;
  readonly settings: LifecycleSettings;
}
