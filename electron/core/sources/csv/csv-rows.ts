import { Transform } from 'node:stream';
import { parse } from 'csv-parse';

/** Rows of a CSV stream with their first line number; a malformed row is reported and skipped. */
export async function* rows(
  stream: NodeJS.ReadableStream,
): AsyncGenerator<{ row: string[]; line: number; error?: string }> {
  const skipped: { line: number; error: string; unclosed: boolean }[] = [];
  // Physical lines, counted on the way in: inside an unclosed quote csv-parse counts CR and LF apart.
  let physicalLines = 0;
  let endsWithNewline = true;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) physicalLines++;
      if (chunk.length > 0) endsWithNewline = chunk[chunk.length - 1] === 10;
      done(null, chunk);
    },
  });
  const parser = stream.pipe(counter).pipe(
    parse({
      bom: true,
      // Real exports mix CRLF and LF; auto-detection would lock onto the first one seen.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (err) => {
        if (err)
          skipped.push({
            line: Number((err as { lines?: unknown }).lines ?? 0),
            error: err.message,
            unclosed: (err as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED',
          });
        return undefined;
      },
    }),
  );
  let lastLine = 0;
  // A quote that never closes swallows every line after it: each of them is a row lost, reported
  // at its own line, and all point at the line where the quote opened.
  function* report(s: { line: number; error: string; unclosed: boolean }) {
    if (!s.unclosed) {
      yield { row: [], line: s.line, error: s.error };
      return;
    }
    const opened = lastLine + 1;
    const last = Math.max(opened, physicalLines + (endsWithNewline ? 0 : 1));
    for (let line = opened; line <= last; line++)
      yield {
        row: [],
        line,
        error: `inside a quote opened on line ${opened} that is never closed (lines ${opened}-${last} are lost)`,
      };
  }
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length > 0) {
      const s = skipped.shift();
      if (s) yield* report(s);
    }
    lastLine = item.info.lines;
    yield { row: item.record, line: item.info.lines };
  }
  for (const s of skipped) yield* report(s);
}
