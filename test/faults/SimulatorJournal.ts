import { z } from 'zod';

const journalSchema = z.object({
  items: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      requestId: z.string(),
      at: z.string(),
      status: z.union([z.number(), z.string(), z.null()]),
    }),
  ),
});

/** One API request the simulator saw. */
export type JournalEntry = z.infer<typeof journalSchema>['items'][number];

const identity = (e: JournalEntry): string => `${e.at}|${e.method}|${e.path}|${e.requestId}`;

/**
 * Follows the simulator's request journal, which only keeps its newest 5,000 entries: each `poll` appends what is new
 * since the last one and fails if the journal moved on so far that entries were lost between polls.
 */
export class SimulatorJournal {
  private seen: JournalEntry[] = [];
  private window: JournalEntry[] = [];

  constructor(private readonly simulatorUrl: string) {}

  /** Every entry seen so far, oldest first. */
  get entries(): readonly JournalEntry[] {
    return this.seen;
  }

  async poll(): Promise<void> {
    const response = await fetch(`${this.simulatorUrl}/_simulator/requests`);
    const { items } = journalSchema.parse(await response.json());
    const overlap = this.overlap(items);
    if (overlap === undefined) {
      throw new Error('the simulator journal overflowed between two polls: poll more often');
    }
    this.seen.push(...items.slice(overlap));
    this.window = items;
  }

  // How many of `items` were already seen: the last window's tail must reappear, in order, at the head of `items`.
  private overlap(items: JournalEntry[]): number | undefined {
    const previous = this.window.map(identity);
    if (previous.length === 0) return 0;
    const current = items.map(identity);
    for (let start = 0; start < previous.length; start += 1) {
      const tail = previous.length - start;
      if (tail > current.length) continue;
      let matches = true;
      for (let i = 0; i < tail && matches; i += 1) matches = previous[start + i] === current[i];
      if (matches) return tail;
    }
    return undefined;
  }
}
