// The desktop app's own command-line options. Chromium and the OS add arguments of their own
// (`--original-process-start-time`, the app path, a navette:// link…): unknown ones are ignored.
export interface LaunchOptions {
  /** Demo mode: embedded DMP test server and test card. `npm start` passes it by default. */
  readonly demo: boolean;
  /** Start in the tray without opening the window (start at login). */
  readonly hidden: boolean;
  readonly dataDir?: string;
  readonly configFile?: string;
  readonly port?: number;
}

/** Reads `--demo`, `--hidden`, `--data DIR`, `--config FILE`, `--port N` (also `--x=value`). */
export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  let demo = false;
  let hidden = false;
  const values: { data?: string; config?: string; port?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--demo') demo = true;
    else if (arg === '--hidden') hidden = true;
    else {
      const match = /^--(data|config|port)(?:=(.*))?$/.exec(arg);
      if (match === null) continue;
      const name = match[1] as 'data' | 'config' | 'port';
      const inline = match[2];
      const next = argv[i + 1];
      const value = inline ?? (next !== undefined && !next.startsWith('--') ? next : undefined);
      if (inline === undefined && value !== undefined) i += 1;
      if (value !== undefined && value !== '') values[name] = value;
    }
  }
  const port = values.port === undefined ? undefined : parsePort(values.port);
  return {
    demo,
    hidden,
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    ...(values.config === undefined ? {} : { configFile: values.config }),
    ...(port === undefined ? {} : { port }),
  };
}

function parsePort(raw: string): number | undefined {
  if (!/^\d{1,5}$/.test(raw)) return undefined;
  const port = Number(raw);
  return port <= 65535 ? port : undefined;
}
