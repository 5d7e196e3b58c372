import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../../bot/logger';
import { ActivityInbox, type TurnReplayer } from '../../bot/turns/ActivityInbox';
import { InstancePresence } from '../../bot/turns/InstancePresence';
import { MemoryAtomicStorage } from '../support/MemoryAtomicStorage';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function message(id: string): Partial<Activity> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    text: 'balance',
    from: { id: '29:alex', name: 'Alex' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:inbox', isGroup: false, conversationType: 'personal', name: '' },
    serviceUrl: 'http://127.0.0.1:1',
  };
}

/** One bot process as the inbox sees it: its presence in the shared storage and its inbox. */
function run(storage: MemoryAtomicStorage, instanceId: string, bootId: string, clock: { now: number }) {
  const presence = new InstancePresence({ storage, owner: { instanceId, bootId }, now: () => clock.now });
  const inbox = new ActivityInbox({ storage, presence, logger: silent, now: () => clock.now });
  const turns: string[] = [];
  /** Delivers an activity; `work` is the turn (it may never end, as in a process killed mid-turn). */
  const deliver = (activity: Partial<Activity>, work: () => Promise<void> = async () => undefined) =>
    inbox.onTurn(new TurnContext(new TestAdapter(), activity), async () => {
      turns.push(String(activity.id));
      await work();
    });
  return { presence, inbox, turns, deliver };
}

const never = () => new Promise<void>(() => undefined);

describe('the activity inbox: one turn per message, also when a process dies mid-turn', () => {
  it('drops a redelivery of a finished message, and one whose turn is still running in a live process', async () => {
    const storage = new MemoryAtomicStorage();
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const alpha = run(storage, 'alpha', 'boot-1', clock);
    await alpha.presence.start();
    await alpha.deliver(message('done-1'));
    await alpha.deliver(message('done-1'));
    void alpha.deliver(message('slow-1'), never);
    await new Promise((resolve) => setImmediate(resolve));
    await alpha.deliver(message('slow-1'));
    const beta = run(storage, 'beta', 'boot-1', clock);
    await beta.presence.start();
    await beta.deliver(message('slow-1'));
    expect([...alpha.turns, ...beta.turns]).toEqual(['done-1', 'slow-1']);
    alpha.presence.stop();
    beta.presence.stop();
  });

  it('processes a redelivery again at once when the claimant was an earlier run of this same instance', async () => {
    const storage = new MemoryAtomicStorage();
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const dying = run(storage, 'alpha', 'boot-1', clock);
    await dying.presence.start();
    void dying.deliver(message('m-1'), never);
    await new Promise((resolve) => setImmediate(resolve));
    dying.presence.stop(); // SIGKILL: no more beats.

    const restarted = run(storage, 'alpha', 'boot-2', clock);
    await restarted.presence.start();
    await restarted.deliver(message('m-1'));
    await restarted.deliver(message('m-1'));
    expect(restarted.turns).toEqual(['m-1']);
    restarted.presence.stop();
  });

  it("processes a redelivery again once another instance's claimant stopped beating, not before", async () => {
    const storage = new MemoryAtomicStorage();
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const dying = run(storage, 'gamma', 'boot-1', clock);
    await dying.presence.start();
    void dying.deliver(message('m-2'), never);
    await new Promise((resolve) => setImmediate(resolve));
    dying.presence.stop();

    const beta = run(storage, 'beta', 'boot-9', clock);
    await beta.presence.start();
    clock.now += 10_000;
    await beta.deliver(message('m-2'));
    expect(beta.turns).toEqual([]);
    clock.now += 25_000;
    await beta.deliver(message('m-2'));
    await beta.deliver(message('m-2'));
    expect(beta.turns).toEqual(['m-2']);
    beta.presence.stop();
  });

  it('replays what a dead run had acknowledged, once even when two instances sweep at the same moment', async () => {
    const storage = new MemoryAtomicStorage();
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const dying = run(storage, 'alpha', 'boot-1', clock);
    await dying.presence.start();
    void dying.deliver(message('acked-1'), never);
    void dying.deliver({ ...message('acked-2'), text: undefined, value: { verb: 'more', id: 'x' } }, never);
    await new Promise((resolve) => setImmediate(resolve));
    await dying.presence.flush();
    dying.presence.stop();

    const replayed: string[] = [];
    const told: string[] = [];
    const replayer: TurnReplayer = {
      replay: async (activity) => {
        replayed.push(String(activity.id));
      },
      tell: async (activity, sentence) => {
        told.push(`${activity.id}: ${sentence}`);
      },
    };
    const beta = run(storage, 'beta', 'boot-b', clock);
    const gamma = run(storage, 'gamma', 'boot-c', clock);
    await beta.presence.start();
    await gamma.presence.start();
    clock.now += 60_000;
    const [fromBeta, fromGamma] = await Promise.all([beta.presence.orphans(), gamma.presence.orphans()]);
    await Promise.all([beta.inbox.recover(fromBeta, replayer), gamma.inbox.recover(fromGamma, replayer)]);
    expect(replayed.sort()).toEqual(['acked-1', 'acked-2']);
    expect(told).toEqual([]);
    beta.presence.stop();
    gamma.presence.stop();
  });

  it('tells the person to ask again instead of replaying a message older than the replay window', async () => {
    const storage = new MemoryAtomicStorage();
    const clock = { now: Date.parse('2026-11-30T10:00:00Z') };
    const dying = run(storage, 'alpha', 'boot-1', clock);
    await dying.presence.start();
    void dying.deliver(message('old-1'), never);
    await new Promise((resolve) => setImmediate(resolve));
    await dying.presence.flush();
    dying.presence.stop();

    clock.now += 3 * 3_600_000;
    const restarted = run(storage, 'alpha', 'boot-2', clock);
    const previous = await restarted.presence.start();
    const replayed: string[] = [];
    const told: string[] = [];
    await restarted.inbox.recover(previous ? [previous] : [], {
      replay: async (activity) => {
        replayed.push(String(activity.id));
      },
      tell: async (_activity, sentence) => {
        told.push(sentence);
      },
    });
    expect(replayed).toEqual([]);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/I was restarted while answering your message.*please ask again/);
    // It is finished now: a late redelivery is dropped.
    await restarted.deliver(message('old-1'));
    expect(restarted.turns).toEqual([]);
    restarted.presence.stop();
  });
});
