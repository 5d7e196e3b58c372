import type { TokenKind } from '../http/apiTypes';

/** One API request as recorded for tests: what was asked, by whom, and how it ended. */
export interface JournalEntry {
  method: string;
  path: string;
  query: string;
  status: number | 'dropped' | null;
  requestId: string;
  correlationId: string;
  locale: string | null;
  application: string | null;
  /**
   * The request's Content-Type as sent (null without one). Partner Center documents JSON bodies and its SDK labels
   * every write `application/json`, even an empty checkout; the journal lets tests check what a client sent.
   */
  contentType: string | null;
  tokenKind: TokenKind;
  user?: string;
  at: string;
}

const MAX_ENTRIES = 5000;

/** The bounded journal of API requests (not control calls), oldest first. */
export class RequestJournal {
  private entries: JournalEntry[] = [];

  /** Records a request; the returned entry's `status` is filled in when the request ends. */
  record(entry: JournalEntry): JournalEntry {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  /** A copy of the entries, oldest first. */
  list(): JournalEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Forgets everything. */
  clear(): void {
    this.entries = [];
  }
}
