import type { Response as BotResponse } from 'botbuilder';
import type { Response } from 'restify';

/**
 * The response CloudAdapter writes to, minus one habit: it puts the exception's message in the body of a 500 (for
 * example `connect ECONNREFUSED 10.0.0.4:443` when a reply could not be sent). A status of 500 or more goes out with
 * no body at all; the details are in the bot's own log under the turn's reference.
 */
export function withoutErrorDetails(res: Response): BotResponse {
  let status = 200;
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => res.header(name, value),
    status: (code: number) => {
      status = code;
      return res.status(code);
    },
    send: (...args: unknown[]) => (status >= 500 ? undefined : res.send(...(args as [unknown]))),
    end: (...args: unknown[]) => res.end(...(args as [])),
  };
}
