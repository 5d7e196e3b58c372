import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { GroupMembership } from '../../dialogs/security/GroupMembership';
import { RoleDirectory, type RoleSettings } from '../../dialogs/security/RoleDirectory';
import { DIRECTORY_UNAVAILABLE } from '../../dialogs/security/roleOrExplain';
import { ROLE_REFUSALS } from '../../dialogs/security/roleRefusals';
import { DirectoryUnavailableError } from '../../services/directory/DirectoryUnavailableError';
import { GraphGroupMembership } from '../../services/directory/GraphGroupMembership';
import { allText, DialogHarness } from '../support/dialogHarness';
import { textFor } from '../../i18n/text';

/** What a refusal says to an English reader. */
const english = textFor('en-US');

const TOKEN = 'eyJ0eXAi.graph-app-token.c2VjcmV0LXNpZ25hdHVyZQ';

const PAT = 'aaaaaaaa-0000-0000-0000-000000000001';
const VIC = 'aaaaaaaa-0000-0000-0000-000000000002';
const NESTED_NORA = 'aaaaaaaa-0000-0000-0000-000000000003';
const STRANGER = 'aaaaaaaa-0000-0000-0000-000000000009';

const group = (n: number): string => `bbbbbbbb-0000-0000-0000-${String(n).padStart(12, '0')}`;
const BUYERS = group(1);
const LOOKERS = group(2);
const EMEA_BUYERS = group(3);

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: { groupIds?: string[] };
}

type Fault = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

/**
 * A loopback Microsoft Graph that answers `checkMemberGroups` transitively from its own membership tables, like Graph:
 * 401 without the expected bearer token, 400 for more than 20 group ids, 404 for an unknown user. Faults queued in
 * `faults` answer the next requests instead.
 */
class GraphStub {
  readonly requests: SeenRequest[] = [];
  /** Person → groups they were added to directly. */
  readonly direct = new Map<string, string[]>();
  /** Group → groups it was added to as a member. */
  readonly parents = new Map<string, string[]>();
  faults: Fault[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.direct.clear();
    this.parents.clear();
    this.faults = [];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as SeenRequest['body'];
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      body,
    });

    const fault = this.faults.shift();
    if (fault === 'hang') return;
    if (fault) return this.reply(res, fault.status, fault.body ?? graphError('ServiceUnavailable'), fault.headers);

    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      // Echoes what it was sent, as a careless proxy might: the client must still keep the token out of its errors.
      return this.reply(res, 401, graphError('InvalidAuthenticationToken', `bad header ${req.headers.authorization}`));
    }
    const match = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return this.reply(res, 400, graphError('BadRequest'));
    const groupIds = body.groupIds ?? [];
    if (groupIds.length > 20) return this.reply(res, 400, graphError('Request_BadRequest', 'too many group ids'));
    const user = decodeURIComponent(match[1]);
    const start = this.direct.get(user);
    if (!start)
      return this.reply(res, 404, graphError('Request_ResourceNotFound', `Resource '${user}' does not exist`));
    const all = new Set<string>();
    const pending = [...start];
    for (let guard = 0; pending.length > 0 && guard < 1000; guard += 1) {
      const next = pending.pop() as string;
      if (all.has(next)) continue;
      all.add(next);
      pending.push(...(this.parents.get(next) ?? []));
    }
    this.reply(res, 200, {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)',
      value: groupIds.filter((id) => all.has(id.toLowerCase())),
    });
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': '11111111-2222-3333-4444-555555555555',
      ...headers,
    });
    res.end(JSON.stringify(body));
  }
}

function graphError(code: string, message = 'failed'): unknown {
  return { error: { code, message, innerError: { 'request-id': '11111111-2222-3333-4444-555555555555' } } };
}

const stub = new GraphStub();
let baseUrl = '';
let clock = 1_000_000;

function graph(overrides: Partial<ConstructorParameters<typeof GraphGroupMembership>[0]> = {}): GraphGroupMembership {
  return new GraphGroupMembership({
    baseUrl,
    getToken: async () => TOKEN,
    cacheSeconds: 0,
    now: () => clock,
    ...overrides,
  });
}

async function failureOf(work: Promise<unknown>): Promise<DirectoryUnavailableError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DirectoryUnavailableError);
  return error as DirectoryUnavailableError;
}

/** Everything a log line or a careless `JSON.stringify` could reveal about an error. */
function everythingIn(error: Error): string {
  return [String(error), error.message, error.stack ?? '', JSON.stringify(error)].join('\n');
}

beforeAll(async () => {
  baseUrl = await stub.start();
});

afterAll(async () => {
  await stub.stop();
});

beforeEach(() => {
  stub.reset();
  clock = 1_000_000;
  stub.direct.set(PAT, [BUYERS]);
  stub.direct.set(VIC, [LOOKERS]);
  stub.direct.set(NESTED_NORA, [EMEA_BUYERS]);
  stub.parents.set(EMEA_BUYERS, [BUYERS]);
});

describe('GraphGroupMembership: checkMemberGroups on Microsoft Graph', () => {
  it('posts the group ids with the bearer token to /v1.0/users/{id}/checkMemberGroups and answers in lower case', async () => {
    const members = await graph().memberOf(PAT.toUpperCase(), [BUYERS.toUpperCase(), LOOKERS]);
    expect([...members]).toEqual([BUYERS]);
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/v1.0/users/${PAT}/checkMemberGroups`);
    expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    expect([...(request.body.groupIds ?? [])].sort()).toEqual([BUYERS, LOOKERS].sort());
  });

  it('counts nested membership: a member of a group inside the buyers group is a buyer', async () => {
    const members = await graph().memberOf(NESTED_NORA, [BUYERS, LOOKERS]);
    expect([...members]).toEqual([BUYERS]);
  });

  it('splits 45 group ids into requests of at most 20 and joins the answers', async () => {
    const many = Array.from({ length: 45 }, (_, i) => group(100 + i));
    stub.direct.set(PAT, [many[3], many[44]]);
    const members = await graph().memberOf(PAT, many);
    expect([...members].sort()).toEqual([many[3], many[44]].sort());
    expect(stub.requests.map((r) => r.body.groupIds?.length)).toEqual([20, 20, 5]);
    const sent = stub.requests.flatMap((r) => r.body.groupIds ?? []);
    expect(new Set(sent)).toEqual(new Set(many));
  });

  it('reuses a cached answer within cacheSeconds and asks Graph again once it has expired', async () => {
    const directory = graph({ cacheSeconds: 60 });
    await directory.memberOf(PAT, [BUYERS]);
    stub.direct.set(PAT, []);
    clock += 59_000;
    expect([...(await directory.memberOf(PAT, [BUYERS]))]).toEqual([BUYERS]);
    expect(stub.requests).toHaveLength(1);
    clock += 2_000;
    expect([...(await directory.memberOf(PAT, [BUYERS]))]).toEqual([]);
    expect(stub.requests).toHaveLength(2);
  });

  it('with cacheSeconds 0 asks Graph on every lookup, so a removed member loses the group at once', async () => {
    const directory = graph({ cacheSeconds: 0 });
    expect([...(await directory.memberOf(PAT, [BUYERS]))]).toEqual([BUYERS]);
    stub.direct.set(PAT, []);
    expect([...(await directory.memberOf(PAT, [BUYERS]))]).toEqual([]);
    expect(stub.requests).toHaveLength(2);
  });

  it('concurrent lookups of the same person share one request', async () => {
    const directory = graph({ cacheSeconds: 0 });
    const answers = await Promise.all([1, 2, 3].map(() => directory.memberOf(PAT, [BUYERS, LOOKERS])));
    expect(answers.map((a) => [...a])).toEqual([[BUYERS], [BUYERS], [BUYERS]]);
    expect(stub.requests).toHaveLength(1);
  });

  it('an unknown user (404) belongs to no group, and that answer is cached too', async () => {
    const directory = graph({ cacheSeconds: 60 });
    expect((await directory.memberOf(STRANGER, [BUYERS])).size).toBe(0);
    expect((await directory.memberOf(STRANGER, [BUYERS])).size).toBe(0);
    expect(stub.requests).toHaveLength(1);
  });

  it('an object id that is not a GUID has no groups and never reaches Graph', async () => {
    const directory = graph();
    for (const id of ['../../groups', `${PAT}/memberOf`, 'pat@contoso.com', '', `${PAT}?x=1`]) {
      expect((await directory.memberOf(id, [BUYERS])).size).toBe(0);
    }
    expect(stub.requests).toHaveLength(0);
  });

  it('retries once after a 503 and answers from the second attempt', async () => {
    stub.faults = [{ status: 503, headers: { 'retry-after': '0' } }];
    expect([...(await graph().memberOf(PAT, [BUYERS]))]).toEqual([BUYERS]);
    expect(stub.requests).toHaveLength(2);
  });

  it('a 500 twice fails with DirectoryUnavailableError after exactly one retry', async () => {
    stub.faults = [{ status: 500 }, { status: 500 }];
    const error = await failureOf(graph().memberOf(PAT, [BUYERS]));
    expect(error.httpStatus).toBe(500);
    expect(error.message).toContain('HTTP 500');
    expect(error.requestId).toBe('11111111-2222-3333-4444-555555555555');
    expect(stub.requests).toHaveLength(2);
  });

  it('honours a short Retry-After on 429 and retries', async () => {
    stub.faults = [{ status: 429, headers: { 'retry-after': '0' }, body: graphError('TooManyRequests') }];
    expect([...(await graph().memberOf(PAT, [BUYERS]))]).toEqual([BUYERS]);
    expect(stub.requests).toHaveLength(2);
  });

  it('a 429 asking for longer than 5 s fails at once instead of holding the chat turn', async () => {
    stub.faults = [{ status: 429, headers: { 'retry-after': '120' }, body: graphError('TooManyRequests') }];
    const error = await failureOf(graph().memberOf(PAT, [BUYERS]));
    expect(error.message).toContain('throttling');
    expect(error.graphCode).toBe('TooManyRequests');
    expect(stub.requests).toHaveLength(1);
  });

  it('a Graph that never answers fails within the time limit', async () => {
    stub.faults = ['hang'];
    const error = await failureOf(graph({ timeoutMs: 300 }).memberOf(PAT, [BUYERS]));
    expect(error.message).toContain('within 300 ms');
  });

  it('a 200 whose body is not { value: [ids] } is a failure, not an empty membership', async () => {
    stub.faults = [{ status: 200, body: { value: 'everyone' } }];
    await failureOf(graph().memberOf(PAT, [BUYERS]));
  });

  it('a missing permission (403) says which Graph permission the app needs', async () => {
    stub.faults = [{ status: 403, body: graphError('Authorization_RequestDenied') }];
    const error = await failureOf(graph().memberOf(PAT, [BUYERS]));
    expect(error.message).toContain('GroupMember.Read.All');
    expect(error.graphCode).toBe('Authorization_RequestDenied');
    expect(stub.requests).toHaveLength(1);
  });

  it('never puts the token in an error, even when Graph echoes it back', async () => {
    const leaky = `${TOKEN}.tampered`;
    const lines: string[] = [];
    const directory = graph({ getToken: async () => leaky, log: (line) => lines.push(line) });
    const refused = await failureOf(directory.memberOf(PAT, [BUYERS]));
    expect(refused.httpStatus).toBe(401);
    stub.faults = ['hang'];
    const timedOut = await failureOf(graph({ getToken: async () => leaky, timeoutMs: 200 }).memberOf(PAT, [BUYERS]));
    const unreachable = await failureOf(
      new GraphGroupMembership({
        baseUrl: 'http://127.0.0.1:1',
        getToken: async () => leaky,
        cacheSeconds: 0,
      }).memberOf(PAT, [BUYERS]),
    );
    for (const error of [refused, timedOut, unreachable]) expect(everythingIn(error)).not.toContain(TOKEN);
    expect(lines).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('a failing token source is a DirectoryUnavailableError and nothing is sent', async () => {
    const error = await failureOf(
      graph({
        getToken: async () => {
          throw new Error('AADSTS7000215: Invalid client secret provided.');
        },
      }).memberOf(PAT, [BUYERS]),
    );
    expect(error.message).toContain('AADSTS7000215');
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses to send tokens over plain http to anything but this machine', () => {
    expect(() => graph({ baseUrl: 'http://graph.microsoft.com' })).toThrow(/https/);
    expect(() => graph({ baseUrl: 'https://graph.microsoft.com' })).not.toThrow();
  });
});

/** A membership source whose answers and calls the test controls. */
class FakeGroups implements GroupMembership {
  readonly calls: { objectId: string; groupIds: readonly string[] }[] = [];
  down = false;
  constructor(private readonly groupsOf: Record<string, string[]> = {}) {}
  async memberOf(objectId: string, groupIds: readonly string[]): Promise<ReadonlySet<string>> {
    this.calls.push({ objectId, groupIds });
    if (this.down) throw new DirectoryUnavailableError('Microsoft Graph failed: HTTP 503.');
    return new Set((this.groupsOf[objectId] ?? []).filter((g) => groupIds.includes(g)));
  }
}

const WITH_GROUPS: RoleSettings = {
  purchaserIds: [PAT],
  viewerIds: [VIC],
  everyoneIsPurchaser: false,
  groups: { purchaserGroupIds: [BUYERS], viewerGroupIds: [LOOKERS] },
};

describe('RoleDirectory: ids first, then groups, in a fixed order', () => {
  it('everyone-is-purchaser and a listed purchaser id never ask the directory', async () => {
    const groups = new FakeGroups();
    expect(await new RoleDirectory({ ...WITH_GROUPS, everyoneIsPurchaser: true }, groups).roleOf(STRANGER)).toBe(
      'purchaser',
    );
    expect(await new RoleDirectory(WITH_GROUPS, groups).roleOf(PAT.toUpperCase())).toBe('purchaser');
    expect(groups.calls).toHaveLength(0);
  });

  it('a purchaser group outranks a viewer id: a listed viewer in the buyers group may buy', async () => {
    const groups = new FakeGroups({ [VIC]: [BUYERS] });
    expect(await new RoleDirectory(WITH_GROUPS, groups).roleOf(VIC)).toBe('purchaser');
  });

  it('a listed viewer outside the purchaser groups stays a viewer, asking only about purchaser groups', async () => {
    const groups = new FakeGroups({ [VIC]: [LOOKERS] });
    expect(await new RoleDirectory(WITH_GROUPS, groups).roleOf(VIC)).toBe('viewer');
    expect(groups.calls).toEqual([{ objectId: VIC, groupIds: [BUYERS] }]);
  });

  it('a member of a viewer group is a viewer; of no group, nobody', async () => {
    const groups = new FakeGroups({ [STRANGER]: [LOOKERS] });
    const roles = new RoleDirectory(WITH_GROUPS, groups);
    expect(await roles.roleOf(STRANGER)).toBe('viewer');
    expect(await roles.roleOf(NESTED_NORA)).toBe('none');
    expect(groups.calls[0]).toEqual({ objectId: STRANGER, groupIds: [BUYERS, LOOKERS] });
  });

  it('a listed viewer with only viewer groups configured is decided by the id list alone', async () => {
    const groups = new FakeGroups();
    const roles = new RoleDirectory(
      { ...WITH_GROUPS, groups: { purchaserGroupIds: [], viewerGroupIds: [LOOKERS] } },
      groups,
    );
    expect(await roles.roleOf(VIC)).toBe('viewer');
    expect(groups.calls).toHaveLength(0);
  });

  it('without groups configured, the directory is never asked and a missing id is nobody', async () => {
    const groups = new FakeGroups({ [STRANGER]: [BUYERS] });
    const roles = new RoleDirectory({ purchaserIds: [PAT], viewerIds: [], everyoneIsPurchaser: false }, groups);
    expect(await roles.roleOf(STRANGER)).toBe('none');
    expect(await roles.roleOf(undefined)).toBe('none');
    expect(groups.calls).toHaveLength(0);
  });

  it('refuses to be built with groups configured but no membership source', () => {
    expect(() => new RoleDirectory(WITH_GROUPS)).toThrow(/no group membership source/);
  });

  it('when the directory is down, a person it would decide gets DirectoryUnavailableError, never a role', async () => {
    const groups = new FakeGroups({ [STRANGER]: [BUYERS] });
    groups.down = true;
    const roles = new RoleDirectory(WITH_GROUPS, groups);
    await expect(roles.roleOf(STRANGER)).rejects.toBeInstanceOf(DirectoryUnavailableError);
    await expect(roles.roleOf(VIC)).rejects.toBeInstanceOf(DirectoryUnavailableError);
    expect(await roles.roleOf(PAT)).toBe('purchaser');
  });
});

const PATS_TEAMS = { id: '29:pat', name: 'Pat Purchaser', aadObjectId: PAT };
const NORAS_TEAMS = { id: '29:nora', name: 'Nora Nested', aadObjectId: NESTED_NORA };
const STRANGERS_TEAMS = { id: '29:sam', name: 'Sam Stranger', aadObjectId: STRANGER };
type From = Partial<Activity>['from'];

/** Roles from groups only, read from the stub Graph with no cache, so each turn sees Graph as it is now. */
function groupHarness(): DialogHarness {
  const membership = graph({ cacheSeconds: 0 });
  const roles = new RoleDirectory(
    {
      purchaserIds: [],
      viewerIds: [],
      everyoneIsPurchaser: false,
      groups: { purchaserGroupIds: [BUYERS], viewerGroupIds: [LOOKERS] },
    },
    membership,
  );
  return new DialogHarness(undefined, undefined, undefined, { roles });
}

function say(h: DialogHarness, text: string, from: From): Promise<Partial<Activity>[]> {
  return h.send({ type: 'message', text, from } as Partial<Activity>);
}

async function reachConfirmation(h: DialogHarness, from: From): Promise<void> {
  await say(h, 'buy for fabrikam', from);
  await h.click('Perpetual software', from);
  await h.click('Windows Server 2022', from);
  await h.click('16 Core', from);
  expect(allText(await say(h, '10', from))).toContain('Place order');
}

describe('the bot with group roles', () => {
  it('a member of a group nested in the buyers group can place an order', async () => {
    const h = groupHarness();
    await reachConfirmation(h, NORAS_TEAMS);
    await h.click('Place order', NORAS_TEAMS);
    expect(h.service.orders).toHaveLength(1);
  });

  it('Graph failing at Place order buys nothing and says so; the same button works once Graph is back', async () => {
    const h = groupHarness();
    await reachConfirmation(h, PATS_TEAMS);
    stub.faults = [{ status: 500 }, { status: 500 }];
    const replies = await h.click('Place order', PATS_TEAMS);
    expect(allText(replies)).toBe(english(DIRECTORY_UNAVAILABLE));
    expect(h.service.callsOf('checkout')).toHaveLength(0);
    expect(h.service.orders).toHaveLength(0);

    await h.click('Place order', PATS_TEAMS);
    expect(h.service.orders).toHaveLength(1);
  });

  it('while Graph is down nobody decided by groups can start a purchase or look anything up', async () => {
    const h = groupHarness();
    stub.faults = [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }];
    expect(allText(await say(h, 'buy for fabrikam', PATS_TEAMS))).toBe(english(DIRECTORY_UNAVAILABLE));
    expect(allText(await say(h, 'orders for fabrikam', PATS_TEAMS))).toBe(english(DIRECTORY_UNAVAILABLE));
    expect(h.service.calls).toHaveLength(0);
  });

  it('someone Graph does not know (404) is told they are not set up', async () => {
    const h = groupHarness();
    expect(allText(await say(h, 'buy for fabrikam', STRANGERS_TEAMS))).toBe(english(ROLE_REFUSALS.unknownUser));
    expect(h.service.calls).toHaveLength(0);
  });

  it('one turn asks Graph once, however many times the dialogs check the role', async () => {
    const h = groupHarness();
    await reachConfirmation(h, PATS_TEAMS);
    stub.requests.length = 0;
    await h.click('Place order', PATS_TEAMS);
    expect(h.service.orders).toHaveLength(1);
    expect(stub.requests).toHaveLength(1);
  });
});
