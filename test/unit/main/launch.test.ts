import { describe, expect, it } from 'vitest';
import { LinkInbox } from '../../../src/main/launch/LinkInbox.js';
import { patientViewFragment } from '../../../src/api/patientView.js';
import { INS_OIDS } from '../../../src/domain/ins/insOids.js';
import { formatPatientLink } from '../../../src/domain/links/patientLink.js';
import {
  deepLinkFromArgv,
  deepLinkFromSecondInstance,
  parseDeepLink,
  secondInstanceData,
  type PatientTarget,
} from '../../../src/main/launch/deepLink.js';
import { parseLaunchArgs } from '../../../src/main/launch/launchArgs.js';
import { createQuitGuard } from '../../../src/main/launch/quitGuard.js';
import { APP_START_URL } from '../../../src/main/security/appScheme.js';
import { windowUrl } from '../../../src/main/uiRoutes.js';

// Valid INS matricules (key = 97 - n mod 97) and the test NIR OID.
const INS_A = '279035121518989';
const INS_B = '180017512345660';
const OID_TEST = INS_OIDS.NIR_TEST;

describe('parseDeepLink', () => {
  it('reads navette://patient/<INS> with the domain parser and routes to the patient view', () => {
    const target = parseDeepLink(`navette://patient/${INS_A}?oid=${OID_TEST}`);
    expect(target).toEqual({
      patient: { matricule: INS_A, oid: OID_TEST },
      fragment: `#/patient/${INS_A}?oid=${encodeURIComponent(OID_TEST)}`,
      link: {
        url: `navette://patient/${INS_A}?oid=${encodeURIComponent(OID_TEST)}`,
        route: 'patient',
        params: { ins: INS_A, oid: OID_TEST },
      },
    });
    expect(target?.fragment).toBe(patientViewFragment({ matricule: INS_A, oid: OID_TEST }));
    expect(windowUrl(target?.fragment)).toBe(`${APP_START_URL}${target?.fragment ?? ''}`);
    expect(windowUrl(undefined)).toBe(APP_START_URL);
    // Spaces as printed on a carte Vitale, and no OID.
    expect(parseDeepLink('navette://patient/2 79 03 51 215 189 89')?.fragment).toBe(
      `#/patient/${INS_A}`,
    );
  });

  it('still reads the old ?ins= form, as the canonical link', () => {
    const target = parseDeepLink(`navette://patient?ins=${INS_A}&oid=${OID_TEST}`);
    expect(target?.patient).toEqual({ matricule: INS_A, oid: OID_TEST });
    expect(target?.link.url).toBe(formatPatientLink({ matricule: INS_A, oid: OID_TEST }));
    expect(parseDeepLink(`navette://patient/?ins=${INS_A}`)?.patient).toEqual({ matricule: INS_A });
    expect(parseDeepLink(`navette://patient?ins=${INS_A}&ins=${INS_B}`)).toBeUndefined();
    expect(parseDeepLink(`navette://patient?ins=${INS_A}&x=1`)).toBeUndefined();
  });

  it.each([
    ['other scheme', `https://patient/${INS_A}`],
    ['other route', `navette://document/${INS_A}`],
    ['wrong INS key', 'navette://patient/279035121518988'],
    ['no INS', 'navette://patient/'],
    ['two segments', `navette://patient/${INS_A}/x`],
    ['credentials', `navette://user:pw@patient/${INS_A}`],
    ['port', `navette://patient:80/${INS_A}`],
    ['fragment', `navette://patient/${INS_A}#x`],
    ['dot segments', `navette://patient/x/../${INS_A}`],
    ['unknown OID', `navette://patient/${INS_A}?oid=1.2.3`],
    ['unknown parameter', `navette://patient/${INS_A}?next=https://evil.example`],
    ['control character', `navette://patient/${INS_A}\n`],
    ['too long', `navette://patient/${INS_A}?${'a'.repeat(2100)}`],
    ['not a URL', 'navette'],
  ])('refuses %s', (_name, raw) => {
    expect(parseDeepLink(raw)).toBeUndefined();
  });
});

describe('single instance', () => {
  const argv = [
    '/opt/Navette/navette',
    '--original-process-start-time=1',
    `navette://patient/${INS_A}`,
  ];

  it('finds the link on a command line, the last one winning', () => {
    expect(deepLinkFromArgv(argv)?.patient.matricule).toBe(INS_A);
    expect(deepLinkFromArgv([...argv, `NAVETTE://patient/${INS_B}`])?.patient.matricule).toBe(
      INS_B,
    );
    expect(deepLinkFromArgv(['/opt/Navette/navette', '--demo'])).toBeUndefined();
    // A malformed last link is dropped, not replaced by an older one.
    expect(deepLinkFromArgv([...argv, 'navette://patient/bad'])).toBeUndefined();
  });

  it('passes the canonical link to the first instance as additional data', () => {
    expect(secondInstanceData(argv)).toEqual({ link: `navette://patient/${INS_A}` });
    expect(secondInstanceData(['/x', `navette://patient?ins=${INS_A}`])).toEqual({
      link: `navette://patient/${INS_A}`,
    });
    expect(secondInstanceData(['/opt/Navette/navette'])).toEqual({});
  });

  it('prefers the additional data, then the command line', () => {
    const other = { link: `navette://patient/${INS_B}` };
    expect(deepLinkFromSecondInstance([], other)?.patient.matricule).toBe(INS_B);
    expect(deepLinkFromSecondInstance(argv, {})?.patient.matricule).toBe(INS_A);
    expect(deepLinkFromSecondInstance(argv, null)?.patient.matricule).toBe(INS_A);
    expect(deepLinkFromSecondInstance(argv, { link: 'https://evil.example' })).toBeUndefined();
    expect(deepLinkFromSecondInstance([], { link: 42 })).toBeUndefined();
  });
});

describe('LinkInbox', () => {
  const target = (ins: string): PatientTarget => {
    const parsed = parseDeepLink(`navette://patient/${ins}`);
    if (parsed === undefined) throw new Error(`bad test INS ${ins}`);
    return parsed;
  };

  it('keeps links until a window attaches, then delivers at once', () => {
    const inbox = new LinkInbox();
    const got: string[] = [];
    inbox.push(target(INS_A));
    inbox.push(target(INS_B));
    inbox.attach((link) => got.push(link.patient.matricule));
    inbox.push(target(INS_A));
    inbox.detach();
    inbox.push(target(INS_B));
    expect(got).toEqual([INS_A, INS_B, INS_A]);
    expect(inbox.pending.map((l) => l.patient.matricule)).toEqual([INS_B]);
  });

  it('keeps only the latest five', () => {
    const inbox = new LinkInbox();
    for (let i = 0; i < 7; i++) inbox.push(target(i % 2 === 0 ? INS_A : INS_B));
    expect(inbox.pending).toHaveLength(5);
    expect(inbox.pending[4]?.patient.matricule).toBe(INS_A);
  });
});

describe('parseLaunchArgs', () => {
  it('reads our options among the ones Chromium adds', () => {
    expect(
      parseLaunchArgs([
        '/usr/lib/electron',
        'dist/main/main.js',
        '--demo',
        '--original-process-start-time=1',
        '--data',
        '/tmp/d',
        '--port=0',
        '--config',
        '/tmp/settings.json',
        '--hidden',
      ]),
    ).toEqual({
      demo: true,
      hidden: true,
      dataDir: '/tmp/d',
      port: 0,
      configFile: '/tmp/settings.json',
    });
  });

  it('defaults to no demo, shown window, and ignores bad values', () => {
    expect(parseLaunchArgs(['navette'])).toEqual({ demo: false, hidden: false });
    expect(parseLaunchArgs(['navette', '--port', '99999', '--data', '--demo'])).toEqual({
      demo: true,
      hidden: false,
    });
    expect(parseLaunchArgs(['navette', '--port=abc', '--data='])).toEqual({
      demo: false,
      hidden: false,
    });
  });
});

describe('createQuitGuard', () => {
  function setup(stop: () => Promise<void>) {
    const log: string[] = [];
    const guard = createQuitGuard({
      stop: async () => {
        log.push('stop');
        await stop();
      },
      quit: () => log.push('quit'),
      onStopping: () => log.push('stopping'),
      onError: (e) => log.push(`error ${(e as Error).message}`),
    });
    const event = () => {
      let prevented = false;
      return {
        preventDefault: () => {
          prevented = true;
        },
        get prevented() {
          return prevented;
        },
      };
    };
    return { guard, log, event };
  }

  it('holds the first quit until the service has stopped, then lets quit through', async () => {
    let release!: () => void;
    const { guard, log, event } = setup(() => new Promise<void>((r) => (release = r)));
    const first = event();
    guard.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    expect(guard.phase).toBe('stopping');
    const second = event();
    guard.onBeforeQuit(second);
    expect(second.prevented).toBe(true);
    expect(log).toEqual(['stopping', 'stop']);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['stopping', 'stop', 'quit']);
    expect(guard.phase).toBe('stopped');
    const third = event();
    guard.onBeforeQuit(third);
    expect(third.prevented).toBe(false);
  });

  it('quits even when stopping fails, and reports the failure', async () => {
    const { guard, log, event } = setup(() => Promise.reject(new Error('drain failed')));
    guard.onBeforeQuit(event());
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['stopping', 'stop', 'error drain failed', 'quit']);
  });
});
