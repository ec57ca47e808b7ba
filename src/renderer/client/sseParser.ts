// Server-Sent Events read from a fetch body (EventSource cannot send an Authorization header):
// text arrives in arbitrary chunks; an event ends at a blank line; `event:` names it and `data:`
// lines carry its JSON. Comment lines (`: ping`) and `retry:` are ignored.

export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

export class SseParser {
  #buffer = '';

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.#buffer += chunk.replace(/\r\n?/g, '\n');
    const out: SseMessage[] = [];
    let end = this.#buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) out.push({ event, data: data.join('\n') });
      end = this.#buffer.indexOf('\n\n');
    }
    return out;
  }
}
