// Writing answers. Error bodies are `{ error: { code, message } }` with a French message.
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error: { code, message } });
}

export const NOT_FOUND_MESSAGE = "Cette adresse n'existe pas dans Navette.";

export function sendNotFound(res: ServerResponse): void {
  sendError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}
