import type { Activity, TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { Logger } from '../logger';
import type { TurnAdapter } from './TurnAdapter';
import type { TurnPacer } from './TurnPacer';

/**
 * Serves one inbound message (or card click): runs its turn, and answers Teams when the turn ends or when it passes the
 * pacer's budget, whichever comes first (the turn then carries on and its replies still arrive). Past the budget a
 * message gets an empty 200 and a card click `slowBody` (its invoke response). A bad token gets a bare 401, any other
 * failure a bare 500.
 */
export async function answerMessage(
  req: Request,
  res: Response,
  parts: {
    adapter: TurnAdapter;
    pacer: TurnPacer;
    logger: Logger;
    logic: (context: TurnContext) => Promise<void>;
    /** The invoke response past the budget, for the turn's activity (its locale is the reader's by then). */
    slowBody?: (activity: Partial<Activity>) => unknown;
  },
): Promise<void> {
  const activity = validateAndFixActivity(req.body as Activity);
  const header = req.headers.authorization;
  const authHeader = typeof header === 'string' ? header : '';
  const slow = parts.pacer.whenSlow(activity).then(() => 'slow' as const);
  const turn = parts.adapter.runAuthenticated(authHeader, activity, parts.logic);
  const first = await Promise.race([
    turn.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    ),
    slow,
  ]);
  if (first !== 'slow' && 'result' in first) {
    res.send(first.result?.status ?? 200, first.result?.body);
    return;
  }
  if (first === 'slow') {
    if (parts.slowBody === undefined) res.send(200);
    else res.send(200, parts.slowBody(activity));
    turn.catch((error: unknown) =>
      parts.logger.error('turn failed after Teams was answered', {
        error: error instanceof Error ? error.message : 'unknown',
      }),
    );
    return;
  }
  if (first.error instanceof AuthenticationError) {
    res.send(401);
    return;
  }
  parts.logger.error('message turn failed', {
    error: first.error instanceof Error ? first.error.message : 'unknown',
  });
  res.send(500);
}
