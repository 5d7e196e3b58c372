import { randomUUID } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import { ConversationState, TestAdapter, TurnContext, UserState } from 'botbuilder';
import {
  DialogSet,
  DialogState,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { BlobStateStorage } from '../../services/storage/BlobStateStorage';
import { EtagConflictError } from '../../services/storage/EtagConflictError';
import { openStateStorage } from '../../services/storage/openStateStorage';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { type RunningAzurite, startAzurite } from './azurite';
import { describeStorageConformance } from './storageConformance';

let azurite: RunningAzurite | undefined;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

function connectionString(): string {
  if (!azurite) throw new Error('Azurite is not running');
  return azurite.connectionString;
}

function freshContainer(): string {
  return `state-${randomUUID().slice(0, 8)}`;
}

function open(container: string): BlobStateStorage {
  return new BlobStateStorage({ connectionString: connectionString(), container });
}

async function dropContainer(container: string): Promise<void> {
  await new ContainerClient(connectionString(), container).deleteIfExists();
}

describeStorageConformance('BlobStateStorage (Azurite)', async () => {
  const container = freshContainer();
  let current = open(container);
  return {
    storage: current,
    reopen: async () => {
      current.close();
      current = open(container);
      return current;
    },
    cleanup: async () => {
      current.close();
      await dropContainer(container);
    },
  };
});

describe('BlobStateStorage beyond the shared contract', () => {
  let container: string;

  beforeEach(() => {
    container = freshContainer();
  });

  afterEach(async () => {
    await dropContainer(container);
  });

  it('lets exactly one of many concurrent creators on two instances win, and stores the winner’s value', async () => {
    const instances = [open(container), open(container)];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => instances[i % 2].createIfAbsent('ledger/cart-1', { owner: `turn-${i}` })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    for (const instance of instances) {
      const stored = (await instance.read(['ledger/cart-1']))['ledger/cart-1'];
      expect(stored.owner).toBe(`turn-${winner}`);
      expect(typeof stored.eTag).toBe('string');
    }
    expect(await instances[0].createIfAbsent('ledger/cart-1', { owner: 'late' })).toBe(false);
    expect((await instances[1].read(['ledger/cart-1']))['ledger/cart-1'].owner).toBe(`turn-${winner}`);
  });

  it('makes an item created by createIfAbsent updatable with the eTag a read returned', async () => {
    const storage = open(container);
    expect(await storage.createIfAbsent('msteams/conversations/a:1/', { step: 1 })).toBe(true);
    const { eTag } = (await storage.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/'];
    await storage.write({ 'msteams/conversations/a:1/': { step: 2, eTag } });
    expect((await storage.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/'].step).toBe(2);
  });

  it('keeps all 10 orders recorded concurrently through RecentOrdersStore on two instances', async () => {
    const storeA = new RecentOrdersStore(open(container));
    const storeB = new RecentOrdersStore(open(container));
    const at = new Date().toISOString();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? storeA : storeB).add({ orderId: `o${i}`, customerId: 'c1', placedAt: at }),
      ),
    );
    const expected = Array.from({ length: 10 }, (_, i) => `o${i}`).sort();
    expect((await storeA.list('c1')).map((o) => o.orderId).sort()).toEqual(expected);
    expect((await storeB.list('c1')).map((o) => o.orderId).sort()).toEqual(expected);
  });

  it('throws EtagConflictError for a stale eTag so callers can tell a lost race from a broken store', async () => {
    const storage = open(container);
    await storage.write({ seat: { holder: 'nobody' } });
    const { eTag } = (await storage.read(['seat'])).seat;
    await storage.write({ seat: { holder: 'alice' } });
    const attempt = storage.write({ seat: { holder: 'bob', eTag } });
    await expect(attempt).rejects.toBeInstanceOf(EtagConflictError);
    await expect(attempt).rejects.toThrow('Storage: error writing "seat" due to eTag conflict.');
    expect((await storage.read(['seat'])).seat.holder).toBe('alice');
  });

  it('saves a write carrying an eTag when nothing is stored under the key, as MemoryStorage does', async () => {
    const storage = open(container);
    await storage.write({ deletedMeanwhile: { value: 1 } });
    const { eTag } = (await storage.read(['deletedMeanwhile'])).deletedMeanwhile;
    await storage.delete(['deletedMeanwhile']);
    await storage.write({ deletedMeanwhile: { value: 2, eTag } });
    expect((await storage.read(['deletedMeanwhile'])).deletedMeanwhile.value).toBe(2);
  });

  it('keeps long keys that share their first 1024 characters apart', async () => {
    const storage = open(container);
    const prefix = 'Kunde/Müller/'.repeat(78);
    const keys = [`${prefix}a`, `${prefix}b`];
    await storage.write({ [keys[0]]: { which: 'a' }, [keys[1]]: { which: 'b' } });
    const items = await storage.read(keys);
    expect(items[keys[0]].which).toBe('a');
    expect(items[keys[1]].which).toBe('b');
  });

  it('creates the configured container when the bot opens its state storage, before any turn', async () => {
    const client = new ContainerClient(connectionString(), container);
    expect(await client.exists()).toBe(false);
    const storage = await openStateStorage({ kind: 'blob', connectionString: connectionString(), container });
    expect(await client.exists()).toBe(true);
    expect(storage).toBeInstanceOf(BlobStateStorage);
  });

  it('rejects every call after close', async () => {
    const storage = open(container);
    storage.close();
    await expect(storage.read(['anything'])).rejects.toThrow(/closed/);
    await expect(storage.createIfAbsent('anything', {})).rejects.toThrow(/closed/);
  });

  it('refuses a container name Azure would reject before sending any request', () => {
    expect(() => open('Bot_State')).toThrow(/container "Bot_State"/);
    expect(() => open('ab')).toThrow(TypeError);
  });
});

describe('a conversation on BlobStateStorage across a bot restart', () => {
  const NAME_PROMPT = 'namePrompt';
  const GREETING_DIALOG = 'greeting';
  let container: string;

  beforeEach(() => {
    container = freshContainer();
  });

  afterEach(async () => {
    await dropContainer(container);
  });

  /** One bot "process": its own storage client, state objects and dialogs; only the container is shared. */
  function startBot(inContainer: string) {
    const storage = open(inContainer);
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    const profile = userState.createProperty<{ name?: string }>('profile');
    dialogs.add(new TextPrompt(NAME_PROMPT));
    dialogs.add(
      new WaterfallDialog(GREETING_DIALOG, [
        (step: WaterfallStepContext) => step.prompt(NAME_PROMPT, 'What is your name?'),
        async (step: WaterfallStepContext) => {
          const name = String(step.result);
          await profile.set(step.context, { name });
          await step.context.sendActivity(`Nice to meet you, ${name}.`);
          return step.endDialog(name);
        },
      ]),
    );
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const dialogContext = await dialogs.createContext(context);
      const result = await dialogContext.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dialogContext.beginDialog(GREETING_DIALOG);
      }
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
    });
    return { adapter, storage };
  }

  it('answers the prompt asked before the restart, because the dialog stack was restored from the container', async () => {
    const beforeRestart = startBot(container);
    await beforeRestart.adapter.send('hi').assertReply('What is your name?').startTest();
    beforeRestart.storage.close();

    const afterRestart = startBot(container);
    await afterRestart.adapter.send('Ada').assertReply('Nice to meet you, Ada.').startTest();
    const userKey = 'test/users/user1/';
    expect((await afterRestart.storage.read([userKey]))[userKey]?.profile).toEqual({ name: 'Ada' });
  });

  it('asks again when the restarted bot uses another container (the control for the test above)', async () => {
    const beforeRestart = startBot(container);
    await beforeRestart.adapter.send('hi').assertReply('What is your name?').startTest();
    beforeRestart.storage.close();

    const elsewhere = freshContainer();
    try {
      await startBot(elsewhere).adapter.send('Ada').assertReply('What is your name?').startTest();
    } finally {
      await dropContainer(elsewhere);
    }
  });
});
