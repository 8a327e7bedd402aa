import { StringDecoder } from 'node:string_decoder';
import { CSV_LIMITS, recordTooLong } from './csv-limits';

export interface CsvRow {
  row: string[];
  /** The physical line the record starts on (1-based). */
  line: number;
  error?: string;
}

/**
 * Rows of a CSV stream as real rostering exports write them: comma-separated, `"` quoting with `""`
 * inside, CRLF, LF or CR (mixed in one file), a BOM, rows of any width, no final newline. Each row
 * carries the physical line it starts on. A quote that never closes swallows every line after it:
 * each of them is a row lost, reported at its own line, all pointing at the line where it opened.
 * A closing quote followed by more text loses that row, reported at its line; a stray `"` inside an
 * unquoted field is kept as text.
 *
 * Hand-written rather than csv-parse, which cost 12 µs a row (80% of a CSV sync's main thread at
 * district scale; this costs about 1 µs): most rows have no quote and are split in one native call.
 */
export async function* rows(
  stream: NodeJS.ReadableStream,
  file = 'the CSV file',
): AsyncGenerator<CsvRow> {
  const reader = new CsvRowReader(file);
  for await (const chunk of stream as AsyncIterable<Buffer | string>) yield* reader.push(chunk);
  yield* reader.end();
}

/** Incremental tokenizer: `push()` each chunk, then `end()`; both return the rows completed. */
export class CsvRowReader {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  private line = 1;
  private started = false;
  private retryAt = 0;

  /** `file` names the file in the error when a record passes CSV_LIMITS.recordChars. */
  constructor(private readonly file = 'the CSV file') {}

  push(chunk: Buffer | string): CsvRow[] {
    this.text += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (!this.started && this.text.length > 0) {
      this.started = true;
      if (this.text.charCodeAt(0) === 0xfeff) this.text = this.text.slice(1);
    }
    return this.take(false);
  }

  end(): CsvRow[] {
    this.text += this.decoder.end();
    return this.take(true);
  }

  private take(atEnd: boolean): CsvRow[] {
    const out: CsvRow[] = [];
    const text = this.text;
    // A record still open (a long quoted field, or a quote that never closes) is read again only
    // once the text has doubled, so waiting for its end stays linear in the file's size.
    if (!atEnd && text.length < this.retryAt) return out;
    this.retryAt = 0;
    let pos = 0;
    // The next LF, quote and CR at or after pos (-1: none in the text), found once and reused.
    let nl = -2;
    let quote = -2;
    let cr = -2;
    while (pos < text.length) {
      if (nl !== -1 && nl < pos) nl = text.indexOf('\n', pos);
      if (nl < 0 && !atEnd) break;
      const stop = nl < 0 ? text.length : nl;
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      if ((quote < 0 || quote > stop) && (cr < 0 || cr >= stop - 1)) {
        // The common row: no quote, and at most a CR before its LF.
        const end = cr >= pos && cr === stop - 1 ? cr : stop;
        out.push({ row: text.slice(pos, end).split(','), line: this.line });
        this.line++;
        pos = nl < 0 ? text.length : nl + 1;
        continue;
      }
      const parsed = this.quoted(text, pos, atEnd);
      if (!parsed) {
        this.retryAt = (text.length - pos) * 2;
        break;
      }
      out.push(...parsed.rows);
      pos = parsed.next;
    }
    this.text = text.slice(pos);
    // The record still open grows only until the limit: a line of gigabytes is refused at once.
    if (!atEnd && this.text.length > CSV_LIMITS.recordChars)
      throw recordTooLong(this.file, this.line);
    return out;
  }

  /**
   * One record read character by character from `pos` (quotes, or CR-only line ends); null when it
   * needs more text. A record may span lines inside quotes.
   */
  private quoted(
    text: string,
    pos: number,
    atEnd: boolean,
  ): { rows: CsvRow[]; next: number } | null {
    const row: string[] = [];
    const startLine = this.line;
    let lines = 0;
    let i = pos;
    let field = '';
    for (;;) {
      if (i >= text.length) {
        if (!atEnd) return null;
        row.push(field);
        this.line += lines + 1;
        return { rows: [{ row, line: startLine }], next: i };
      }
      const c = text.charCodeAt(i);
      if (c === 34 /* " */ && field === '' && (i === pos || isSeparator(text, i - 1))) {
        // A quoted field: up to a quote that is not doubled.
        let j = i + 1;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            if (!atEnd) return null;
            return { rows: this.unclosed(text, pos, startLine), next: text.length };
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= text.length && !atEnd) return null;
          j = q + 1;
          break;
        }
        lines += countNewlines(text, i, j);
        const after = text.charCodeAt(j);
        if (j < text.length && after !== 44 && after !== 10 && after !== 13) {
          // `"abc"x`: the row is lost up to its end.
          const nl = text.indexOf('\n', j);
          if (nl < 0 && !atEnd) return null;
          const stop = nl < 0 ? text.length : nl + 1;
          lines += countNewlines(text, j, stop);
          this.line += lines + (nl < 0 ? 1 : 0);
          return {
            rows: [
              {
                row: [],
                line: startLine,
                error: `a closing quote in field ${row.length + 1} is followed by more text`,
              },
            ],
            next: stop,
          };
        }
        field = value;
        i = j;
        continue;
      }
      if (c === 44 /* , */) {
        row.push(field);
        field = '';
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        if (c === 13 && i + 1 >= text.length && !atEnd) return null;
        row.push(field);
        const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        this.line += lines + 1;
        return { rows: [{ row, line: startLine }], next };
      }
      // Plain text up to the next separator, quote or line end.
      let k = i + 1;
      while (k < text.length) {
        const d = text.charCodeAt(k);
        if (d === 44 || d === 10 || d === 13) break;
        k++;
      }
      field += text.slice(i, k);
      i = k;
    }
  }

  /** A quote opened at `pos`'s record never closes: every line from there to the end is lost. */
  private unclosed(text: string, pos: number, opened: number): CsvRow[] {
    const rest = text.slice(pos);
    const breaks = rest.split(/\r\n|\n|\r/).length - 1;
    const endsWithBreak = /[\r\n]$/.test(rest);
    const last = Math.max(opened, opened + breaks - (endsWithBreak ? 1 : 0));
    this.line = last + 1;
    const lost: CsvRow[] = [];
    for (let line = opened; line <= last; line++)
      lost.push({
        row: [],
        line,
        error: `inside a quote opened on line ${opened} that is never closed (lines ${opened}-${last} are lost)`,
      });
    return lost;
  }
}

const isSeparator = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c === 44 || c === 10 || c === 13;
};

/** Line ends between `from` and `to` (CRLF counted once). */
function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
