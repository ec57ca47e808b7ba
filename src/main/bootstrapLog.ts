// The main process's log until it is handed the service's logger: JSON lines on stderr, the same
// shape as the service's log lines. Callers pass fields that hold no patient data (the guards
// log URL schemes, never URLs).
export interface MainLog {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export function createBootstrapLog(component = 'desktop'): MainLog {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields: Readonly<Record<string, unknown>> = {}): void => {
      console.error(
        JSON.stringify({ time: new Date().toISOString(), level, component, message, ...fields }),
      );
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
