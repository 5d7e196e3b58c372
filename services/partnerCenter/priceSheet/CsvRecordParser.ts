/** A body that is not comma-separated text as RFC 4180 describes it (an unterminated quote, a runaway record). */
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/** Limits of {@link CsvRecordParser}. */
export interface CsvRecordParserOptions {
  /**
   * The longest record (in characters) the parser holds while waiting for its end. A price sheet row is a few hundred
   * characters; a quote that never closes would otherwise swallow the whole file into memory.
   */
  maxRecordLength?: number;
}

const DEFAULT_MAX_RECORD_LENGTH = 1024 * 1024;
const DELIMITER = /[,\r\n]/g;

/**
 * Splits comma-separated text into records as it arrives, chunk by chunk, so a file of any size is read holding only
 * the record being assembled: fields may be quoted, quotes inside them doubled, and quoted fields may hold commas and
 * line breaks. Records end at LF or CRLF (a lone CR too); blank lines are skipped; a UTF-8 byte order mark at the very
 * start is dropped. The text must already be decoded (a `StringDecoder` keeps multi-byte characters whole across
 * chunks).
 */
export class CsvRecordParser {
  private rest = '';
  private started = false;
  private readonly maxRecordLength: number;

  constructor(
    private readonly onRecord: (fields: string[]) => void,
    options: CsvRecordParserOptions = {},
  ) {
    this.maxRecordLength = options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
  }

  /** Parses the next piece of text; complete records are handed over, an incomplete last one waits for more. */
  push(text: string): void {
    let data = this.rest + text;
    if (!this.started && data.length > 0) {
      this.started = true;
      if (data.charCodeAt(0) === 0xfeff) data = data.slice(1);
    }
    const consumed = this.parse(data, false);
    this.rest = data.slice(consumed);
    if (this.rest.length > this.maxRecordLength) {
      throw new CsvFormatError(`a record runs past ${this.maxRecordLength} characters (an unterminated quote?)`);
    }
  }

  /** Parses what is left: the last record may lack a line break, but not a closing quote. */
  end(): void {
    const data = this.rest;
    this.rest = '';
    const consumed = this.parse(data, true);
    if (consumed < data.length) throw new CsvFormatError('the last record ends inside a quoted field');
  }

  /** Hands over every complete record in `data`; returns how many characters they took. */
  private parse(data: string, final: boolean): number {
    let recordStart = 0;
    let i = 0;
    let fields: string[] = [];
    const length = data.length;
    for (;;) {
      if (i >= length) {
        // Text ended right after a comma, or at a record's very start.
        if (final && fields.length > 0) {
          fields.push('');
          this.emit(fields);
          return length;
        }
        return final ? length : recordStart;
      }
      let value: string;
      let next: number;
      if (data.charCodeAt(i) === 0x22) {
        const closed = closingQuote(data, i + 1);
        if (closed === -1) return recordStart;
        // A quote as the last character might be the first half of a doubled quote: wait for the next one.
        if (closed === length - 1 && !final) return recordStart;
        value = data.slice(i + 1, closed);
        if (value.includes('""')) value = value.replace(/""/g, '"');
        next = closed + 1;
        // Text after the closing quote (`"a"b`) is not RFC 4180; it is kept as part of the field rather than lost.
        if (next < length && !isDelimiter(data.charCodeAt(next))) {
          DELIMITER.lastIndex = next;
          const match = DELIMITER.exec(data);
          const end = match ? match.index : length;
          if (!match && !final) return recordStart;
          value += data.slice(next, end);
          next = end;
        }
      } else {
        DELIMITER.lastIndex = i;
        const match = DELIMITER.exec(data);
        if (!match && !final) return recordStart;
        next = match ? match.index : length;
        value = data.slice(i, next);
      }
      fields.push(value);
      if (next >= length) {
        if (!final) return recordStart;
        this.emit(fields);
        return length;
      }
      const delimiter = data.charCodeAt(next);
      if (delimiter === 0x2c) {
        i = next + 1;
        continue;
      }
      // CR may be followed by LF; a CR at the end of the text must wait to see whether it is.
      if (delimiter === 0x0d) {
        if (next + 1 >= length && !final) return recordStart;
        i = data.charCodeAt(next + 1) === 0x0a ? next + 2 : next + 1;
      } else {
        i = next + 1;
      }
      this.emit(fields);
      fields = [];
      recordStart = i;
    }
  }

  private emit(fields: string[]): void {
    if (fields.length === 1 && fields[0] === '') return;
    this.onRecord(fields);
  }
}

/** The index of the quote closing a quoted field whose text starts at `from`, skipping doubled quotes; -1 if none yet. */
function closingQuote(data: string, from: number): number {
  let at = data.indexOf('"', from);
  while (at !== -1 && data.charCodeAt(at + 1) === 0x22) at = data.indexOf('"', at + 2);
  return at;
}

function isDelimiter(code: number): boolean {
  return code === 0x2c || code === 0x0a || code === 0x0d;
}
