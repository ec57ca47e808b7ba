// The one way to answer the renderer (CONVENTIONS.md §8.4): every request handler goes through
// registerHandler, which checks the sender frame, validates the arguments with zod, and turns
// any outcome into a BridgeResult envelope. Handlers receive parsed input, never raw arguments.
import type { z } from 'zod';
import type { BridgeResult } from '../../api/bridge.js';
import {
  FORBIDDEN_SENDER_ERROR,
  INVALID_ARGUMENTS_ERROR,
  failure,
  ok,
  toBridgeError,
} from './bridgeErrors.js';
import type { PinChannel } from '../pin/pinContract.js';
import type { InvokeChannel } from './channels.js';
import { checkSenderFrame, type SenderFrameLike } from './senderCheck.js';

/** The parts of IpcMainInvokeEvent the helper reads. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** The parts of ipcMain the helper uses (Electron's ipcMain satisfies it). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Where refused calls and handler failures are reported (never with the arguments). */
export interface IpcLog {
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export type Unregister = () => void;

/** Request channels: the main window's bridge, and the PIN dialog's. */
export type HandledChannel = InvokeChannel | PinChannel;

export interface HandlerOptions {
  /** Only this page of our origin may call (a path: `/pin/index.html`). Default: any page. */
  readonly page?: string;
}

/** A handler taking no argument: the renderer must send none. */
export function registerHandler<Output>(
  ipc: IpcMainLike,
  channel: HandledChannel,
  schema: undefined,
  handler: () => Output | Promise<Output>,
  log: IpcLog,
  options?: HandlerOptions,
): Unregister;
/** A handler taking one argument, validated by `schema` before the handler sees it. */
export function registerHandler<Schema extends z.ZodType, Output>(
  ipc: IpcMainLike,
  channel: HandledChannel,
  schema: Schema,
  handler: (input: z.output<Schema>) => Output | Promise<Output>,
  log: IpcLog,
  options?: HandlerOptions,
): Unregister;
export function registerHandler(
  ipc: IpcMainLike,
  channel: HandledChannel,
  schema: z.ZodType | undefined,
  handler: (input?: unknown) => unknown,
  log: IpcLog,
  options: HandlerOptions = {},
): Unregister {
  ipc.handle(channel, async (event, ...args): Promise<BridgeResult<unknown>> => {
    const verdict = checkSenderFrame(event.senderFrame, options.page);
    if (!verdict.trusted) {
      log.warn('ipc call refused', { channel, reason: verdict.reason });
      return failure(FORBIDDEN_SENDER_ERROR);
    }
    let input: unknown;
    if (schema === undefined) {
      if (args.length !== 0) return invalid(channel, log, 'unexpected arguments');
    } else {
      if (args.length !== 1) return invalid(channel, log, 'argument count');
      const parsed = schema.safeParse(args[0]);
      // The zod issues name fields, never values: safe to log.
      if (!parsed.success) {
        return invalid(channel, log, parsed.error.issues.map((i) => i.path.join('.')).join(','));
      }
      input = parsed.data;
    }
    try {
      return ok(await (schema === undefined ? handler() : handler(input)));
    } catch (error) {
      const bridgeError = toBridgeError(error);
      log.error('ipc handler failed', { channel, code: bridgeError.code });
      return failure(bridgeError);
    }
  });
  return () => ipc.removeHandler(channel);
}

function invalid(channel: string, log: IpcLog, detail: string): BridgeResult<never> {
  log.warn('ipc arguments refused', { channel, detail });
  return failure(INVALID_ARGUMENTS_ERROR);
}
