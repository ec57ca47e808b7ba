// The fictitious INS of the official DMP sample messages must validate under the test root.
import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIns, formatInsCx } from '../../src/domain/index.js';
import { REFERENCE_DIR } from '../support/paths.js';

const MESSAGES = path.join(REFERENCE_DIR, 'dmp', 'messages');

describe('the fictitious INS of the official DMP samples', () => {
  // Every INS (under one of the four INS roots) found in the official messages must validate.
  const found = new Map<string, string>();
  for (const name of readdirSync(MESSAGES)) {
    const text = readFileSync(join(MESSAGES, name), 'latin1').replaceAll('&amp;', '&');
    for (const m of text.matchAll(
      /([0-9AB]{13,15})\^\^\^&(1\.2\.250\.1\.213\.1\.4\.[0-9]+)&ISO/g,
    )) {
      found.set(`${m[1]}|${m[2]}`, name);
    }
    for (const m of text.matchAll(
      /root="(1\.2\.250\.1\.213\.1\.4\.(?:8|9|10|11))"\s+extension="([^"]+)"/g,
    )) {
      found.set(`${m[2]}|${m[1]}`, name);
    }
    for (const m of text.matchAll(
      /extension="([^"]+)"\s+root="(1\.2\.250\.1\.213\.1\.4\.(?:8|9|10|11))"/g,
    )) {
      found.set(`${m[1]}|${m[2]}`, name);
    }
  }

  it('finds the three sample matricules', () => {
    const matricules = new Set([...found.keys()].map((k) => k.split('|')[0]));
    expect(matricules).toEqual(new Set(['207058575627097', '153078987658513', '157069329642881']));
  });

  it.each(
    [...found.entries()].map(([k, file]) => [...k.split('|'), file] as [string, string, string]),
  )('%s under %s (%s) validates as a test INS', (matricule, oid) => {
    const ins = createIns(matricule, oid);
    expect(ins.kind).toBe('NIR_TEST');
    expect(formatInsCx(ins)).toBe(`${matricule}^^^&1.2.250.1.213.1.4.10&ISO^NH`);
  });
});
