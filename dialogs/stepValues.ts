import type { WaterfallStepContext } from 'botbuilder-dialogs';

/** A waterfall's per-instance scratch values (kept in dialog state between turns), as a plain record. */
export function stepValues(step: WaterfallStepContext): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}
