import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import { TypingIndicator } from '../../bot/turns/TypingIndicator';

/** A message turn under the indicator whose work the test steps through; what reached the channel, in order. */
function turnUnderIndicator() {
  const adapter = new TestAdapter();
  const context = new TurnContext(adapter, {
    type: 'message',
    id: 'm1',
    text: 'balance',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example',
    from: { id: '29:user', name: 'Alex' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
  } satisfies Partial<Activity>);
  const sent = () => adapter.activeQueue.map((activity) => activity.text ?? activity.type);
  let finish: () => void = () => undefined;
  const working = new Promise<void>((resolve) => (finish = resolve));
  const ended = new TypingIndicator(500, 2000).onTurn(context, () => working);
  return { context, sent, finish, ended };
}

describe('the typing indicator', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows typing while a turn works in silence, and again every period', async () => {
    const turn = turnUnderIndicator();
    await jest.advanceTimersByTimeAsync(400);
    expect(turn.sent()).toEqual([]);
    await jest.advanceTimersByTimeAsync(200);
    expect(turn.sent()).toEqual(['typing']);
    await jest.advanceTimersByTimeAsync(2000);
    expect(turn.sent()).toEqual(['typing', 'typing']);
    turn.finish();
    await turn.ended;
  });

  it('sends no typing under an answer while the turn only finishes up, and none once the turn has ended', async () => {
    const turn = turnUnderIndicator();
    await jest.advanceTimersByTimeAsync(450);
    await turn.context.sendActivity('Your balance');
    // Past the first delay counted from the turn's start: a fixed schedule would show "typing…" under the answer.
    await jest.advanceTimersByTimeAsync(400);
    turn.finish();
    await turn.ended;
    await jest.advanceTimersByTimeAsync(5000);
    expect(turn.sent()).toEqual(['Your balance']);
  });

  it('shows typing again when the turn stays silent after a first message (more is coming)', async () => {
    const turn = turnUnderIndicator();
    await turn.context.sendActivity('Customer: Contoso Ltd');
    await jest.advanceTimersByTimeAsync(600);
    expect(turn.sent()).toEqual(['Customer: Contoso Ltd', 'typing']);
    turn.finish();
    await turn.ended;
  });
});
