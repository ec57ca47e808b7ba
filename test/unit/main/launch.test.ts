import { describe, expect, it } from 'vitest';
import { LinkInbox } from '../../../src/main/launch/LinkInbox.js';
import {
  deepLinkFromArgv,
  deepLinkFromSecondInstance,
  parseDeepLink,
  secondInstanceData,
} from '../../../src/main/launch/deepLink.js';
import { parseLaunchArgs } from '../../../src/main/launch/launchArgs.js';
import { createQuitGuard } from '../../../src/main/launch/quitGuard.js';

describe('parseDeepLink', () => {
  it('reads the route and the parameters', () => {
    expect(parseDeepLink('navette://patient?ins=1234567890123&oid=1.2.250.1.213.1.4.8')).toEqual({
      url: 'navette://patient?ins=1234567890123&oid=1.2.250.1.213.1.4.8',
      route: 'patient',
      params: { ins: '1234567890123', oid: '1.2.250.1.213.1.4.8' },
    });
    expect(parseDeepLink('navette://Document/Ouvrir/?id=a&id=b')).toMatchObject({
      route: 'document/ouvrir',
      params: { id: 'a' },
    });
    expect(parseDeepLink('NAVETTE:patient/x')).toMatchObject({ route: 'patient/x', params: {} });
  });

  it.each([
    ['other scheme', 'https://patient'],
    ['credentials', 'navette://user:pw@patient'],
    ['port', 'navette://patient:80/'],
    ['fragment', 'navette://patient#x'],
    ['empty route', 'navette://'],
    ['odd route', 'navette://pat%20ient'],
    ['route with dots', 'navette://patient/../x'],
    ['route with a dot', 'navette://patient/./x'],
    ['encoded dots', 'navette://patient/%2E%2E/x'],
    ['backslash', 'navette://patient\\x'],
    ['whitespace', 'navette://patient?ins=1 2'],
    ['control character', 'navette://patient\n'],
    ['bad parameter name', 'navette://patient?in%24s=1'],
    ['long parameter', `navette://patient?ins=${'1'.repeat(600)}`],
    [
      'too many parameters',
      `navette://patient?${Array.from({ length: 21 }, (_, i) => `p${i}=1`).join('&')}`,
    ],
    ['too long', `navette://patient?${'a'.repeat(2100)}`],
    ['not a URL', 'navette'],
  ])('refuses %s', (_name, raw) => {
    expect(parseDeepLink(raw)).toBeUndefined();
  });
});

describe('single instance', () => {
  const argv = [
    '/opt/Navette/navette',
    '--original-process-start-time=1',
    'navette://patient?ins=1',
  ];

  it('finds the link on a command line, the last one winning', () => {
    expect(deepLinkFromArgv(argv)?.route).toBe('patient');
    expect(deepLinkFromArgv([...argv, 'navette://journal'])?.route).toBe('journal');
    expect(deepLinkFromArgv(['/opt/Navette/navette', '--demo'])).toBeUndefined();
    // A malformed last link is dropped, not replaced by an older one.
    expect(deepLinkFromArgv([...argv, 'navette://bad route'])).toBeUndefined();
  });

  it('passes the link to the first instance as additional data', () => {
    expect(secondInstanceData(argv)).toEqual({ link: 'navette://patient?ins=1' });
    expect(secondInstanceData(['/opt/Navette/navette'])).toEqual({});
  });

  it('prefers the additional data, then the command line', () => {
    expect(deepLinkFromSecondInstance([], { link: 'navette://journal' })?.route).toBe('journal');
    expect(deepLinkFromSecondInstance(argv, {})?.route).toBe('patient');
    expect(deepLinkFromSecondInstance(argv, null)?.route).toBe('patient');
    expect(deepLinkFromSecondInstance(argv, { link: 'https://evil.example' })).toBeUndefined();
    expect(deepLinkFromSecondInstance([], { link: 42 })).toBeUndefined();
  });
});

describe('LinkInbox', () => {
  it('keeps links until a window attaches, then delivers at once', () => {
    const inbox = new LinkInbox();
    const got: string[] = [];
    inbox.push(parseDeepLink('navette://a')!);
    inbox.push(parseDeepLink('navette://b')!);
    inbox.attach((link) => got.push(link.route));
    inbox.push(parseDeepLink('navette://c')!);
    inbox.detach();
    inbox.push(parseDeepLink('navette://d')!);
    expect(got).toEqual(['a', 'b', 'c']);
    expect(inbox.pending.map((l) => l.route)).toEqual(['d']);
  });

  it('keeps only the latest five', () => {
    const inbox = new LinkInbox();
    for (const r of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
      inbox.push(parseDeepLink(`navette://${r}`)!);
    expect(inbox.pending.map((l) => l.route)).toEqual(['c', 'd', 'e', 'f', 'g']);
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
