import fs from 'node:fs';
import readline from 'node:readline';

/** One document's JSON text and the line it starts on (for the report). */
export interface RawDocument {
  line: number;
  text: string;
}

/**
 * Streams the documents of a `mongoexport` file: one document per line (the default), or one
 * JSON array (`--jsonArray`, often all on one line). Memory stays bounded by one chunk plus one
 * document: the consumer pulls documents, and the file is read only as fast as it does.
 */
export async function* readExport(file: string): AsyncGenerator<RawDocument> {
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  try {
    yield* (await startsWithArray(file)) ? arrayElements(stream) : lines(stream);
  } finally {
    stream.destroy();
  }
}

async function startsWithArray(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}

async function* lines(stream: fs.ReadStream): AsyncGenerator<RawDocument> {
  let line = 0;
  for await (const text of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed) yield { line, text: trimmed };
  }
}

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, NEWLINE = 0x0a;
const OPEN = new Set([0x5b, 0x7b]), CLOSE = new Set([0x5d, 0x7d]);

/** Splits a top-level JSON array into its elements' texts by tracking nesting outside strings. */
async function* arrayElements(stream: fs.ReadStream): AsyncGenerator<RawDocument> {
  let depth = 0, inString = false, escaped = false, line = 1;
  let element = '', elementLine = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    let from = depth > 0 ? 0 : -1; // where the current element's text starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (depth >= 1 && elementLine === 0 && !/\s/.test(chunk[i])) elementLine = line;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) {
        inString = true;
      } else if (OPEN.has(c)) {
        if (++depth === 1) from = i + 1;
      } else if (depth === 1 && (c === COMMA || CLOSE.has(c))) {
        element += chunk.slice(from, i);
        if (element.trim()) yield { line: elementLine, text: element.trim() };
        element = '';
        elementLine = 0;
        from = i + 1;
        if (c !== COMMA) depth = 0;
      } else if (CLOSE.has(c)) {
        depth--;
      }
    }
    if (depth > 0) element += chunk.slice(from);
  }
  // A truncated file: hand over what there is, so it is reported rather than silently dropped.
  if (element.trim()) yield { line: elementLine, text: element.trim() };
}
