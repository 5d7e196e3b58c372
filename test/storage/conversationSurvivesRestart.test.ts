import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, TestAdapter, TurnContext, UserState } from 'botbuilder';
import {
  DialogSet,
  DialogState,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SqliteStorage } from '../../services/storage/SqliteStorage';

const GREETING_DIALOG = 'greeting';
const NAME_PROMPT = 'namePrompt';

interface UserProfile {
  name?: string;
}

/**
 * One "process" of a minimal bot: its own storage connection, state objects and dialog set, exactly as a bot
 * builds them at start-up. Nothing is shared between two instances except the database file.
 */
function startBot(directory: string) {
  const storage = new SqliteStorage({ directory });
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  const profile = userState.createProperty<UserProfile>('profile');

  const askNameStep = (step: WaterfallStepContext) => step.prompt(NAME_PROMPT, 'What is your name?');
  const greetStep = async (step: WaterfallStepContext) => {
    const name = String(step.result);
    await profile.set(step.context, { name });
    await step.context.sendActivity(`Nice to meet you, ${name}.`);
    return step.endDialog(name);
  };
  dialogs.add(new TextPrompt(NAME_PROMPT));
  dialogs.add(new WaterfallDialog(GREETING_DIALOG, [askNameStep, greetStep]));

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

describe('a conversation on SqliteStorage across a bot restart', () => {
  let directory: string;
  const running: SqliteStorage[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sqlite-restart-'));
  });

  afterEach(async () => {
    running.splice(0).forEach((storage) => storage.close());
    await rm(directory, { recursive: true, force: true });
  });

  it('answers the prompt asked before the restart, because the dialog stack was restored from the file', async () => {
    const beforeRestart = startBot(directory);
    running.push(beforeRestart.storage);
    await beforeRestart.adapter.send('hi').assertReply('What is your name?').startTest();
    beforeRestart.storage.close();

    const afterRestart = startBot(directory);
    running.push(afterRestart.storage);
    await afterRestart.adapter.send('Ada').assertReply('Nice to meet you, Ada.').startTest();

    const userKey = 'test/users/user1/';
    const saved = await afterRestart.storage.read([userKey]);
    expect(saved[userKey]?.profile).toEqual({ name: 'Ada' });
  });

  it('asks again when the restarted bot finds no saved conversation (the control for the test above)', async () => {
    const beforeRestart = startBot(directory);
    running.push(beforeRestart.storage);
    await beforeRestart.adapter.send('hi').assertReply('What is your name?').startTest();
    beforeRestart.storage.close();

    const elsewhere = startBot(join(directory, 'a-different-data-directory'));
    running.push(elsewhere.storage);
    await elsewhere.adapter.send('Ada').assertReply('What is your name?').startTest();
  });
});
