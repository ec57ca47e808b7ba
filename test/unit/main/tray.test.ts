import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { describe, expect, it } from 'vitest';
import { TrayController } from '../../../src/main/tray/TrayController.js';
import { toMenuTemplate } from '../../../src/main/tray/trayMenu.js';
import {
  TRAY_ICONS,
  TRAY_STATES,
  buildTrayModel,
  trayState,
  type TrayAction,
} from '../../../src/main/tray/trayModel.js';
import { REPO_ROOT } from '../../support/paths.js';
import { healthReport } from './fixtures.js';

const TRAY_ICON_DIR = path.join(REPO_ROOT, 'resources', 'icons', 'tray');

const withCard = (state: 'ok' | 'down' | 'not-configured') =>
  healthReport({
    components: { ...healthReport().components, card: { state } },
  });

describe('trayState', () => {
  it('is busy while the service starts or stops', () => {
    expect(trayState({ report: undefined })).toBe('busy');
    expect(trayState({ report: healthReport({ status: 'starting' }) })).toBe('busy');
    expect(trayState({ report: withCard('ok'), stopping: true })).toBe('busy');
  });

  it('asks for attention when the service is degraded, down, or a setting is wrong', () => {
    expect(trayState({ report: healthReport({ status: 'degraded' }) })).toBe('attention');
    expect(trayState({ report: healthReport({ status: 'down' }) })).toBe('attention');
    const problem = {
      file: 'settings.json',
      field: 'server.port',
      expected: 'nombre',
      message: 'x',
    };
    expect(trayState({ report: healthReport({ configProblems: [problem] }) })).toBe('attention');
  });

  it('shows the card as absent until the card component is ok, then ready', () => {
    expect(trayState({ report: withCard('not-configured') })).toBe('card-absent');
    expect(trayState({ report: healthReport({ components: {} }) })).toBe('card-absent');
    expect(trayState({ report: withCard('ok') })).toBe('ready');
  });
});

describe('buildTrayModel', () => {
  it('gives each state its icon and a French tooltip', () => {
    expect(buildTrayModel({ report: withCard('ok') })).toMatchObject({
      state: 'ready',
      icon: 'ready.png',
      tooltip: 'Navette — Prêt',
    });
    expect(buildTrayModel({ report: withCard('not-configured') }).tooltip).toBe(
      'Navette — Carte CPS absente',
    );
    expect(buildTrayModel({ report: undefined }).tooltip).toBe('Navette — Démarrage en cours…');
    expect(buildTrayModel({ report: withCard('ok'), stopping: true }).tooltip).toBe(
      'Navette — Arrêt en cours…',
    );
    expect(buildTrayModel({ report: healthReport({ status: 'down' }) }).icon).toBe('attention.png');
  });

  it('has the menu: état, Ouvrir Navette, Quitter', () => {
    expect(buildTrayModel({ report: withCard('ok') }).menu).toEqual([
      { kind: 'status', label: 'État : Prêt' },
      { kind: 'separator' },
      { kind: 'action', action: 'open', label: 'Ouvrir Navette' },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quitter' },
    ]);
  });

  it('says « DÉMO — DMP de test » in the tooltip and the menu in demo mode', () => {
    const model = buildTrayModel({ report: healthReport({ demo: true, mode: 'demo' }) });
    expect(model.tooltip).toBe('Navette — Carte CPS absente (DÉMO — DMP de test)');
    expect(model.menu[1]).toEqual({ kind: 'status', label: 'DÉMO — DMP de test' });
  });

  it('covers every state, each with an icon that exists', () => {
    expect([...TRAY_STATES].sort()).toEqual([
      'attention',
      'busy',
      'card-absent',
      'pin-needed',
      'ready',
      'sending',
    ]);
    for (const state of TRAY_STATES) {
      expect(existsSync(path.join(TRAY_ICON_DIR, TRAY_ICONS[state]))).toBe(true);
      expect(
        existsSync(path.join(TRAY_ICON_DIR, TRAY_ICONS[state].replace('.png', '@2x.png'))),
      ).toBe(true);
    }
  });
});

describe('tray states from the card and the outbox', () => {
  const degradedOutbox = (message: string) =>
    healthReport({
      status: 'degraded',
      components: {
        ...withCard('ok').components,
        outbox: { state: 'degraded', message },
      },
    });

  it('asks for the PIN, before anything else but starting or stopping', () => {
    const report = degradedOutbox('Code PIN nécessaire');
    expect(trayState({ report, card: 'pin-needed' })).toBe('pin-needed');
    expect(trayState({ report, card: 'pin-needed', stopping: true })).toBe('busy');
    const model = buildTrayModel({ report, card: 'pin-needed' });
    expect(model).toMatchObject({
      icon: 'attention.png',
      tooltip: 'Navette — Code PIN de la carte CPS nécessaire',
      clickAction: 'pin',
    });
    expect(model.menu).toContainEqual({
      kind: 'action',
      action: 'pin',
      label: 'Saisir le code PIN…',
    });
  });

  it('shows a removed card as absent even though the outbox is degraded because of it', () => {
    const report = degradedOutbox('Carte CPS retirée');
    expect(trayState({ report, card: 'card-absent' })).toBe('card-absent');
    // Without the card's readiness, a degraded outbox is a problem to look at.
    expect(trayState({ report })).toBe('attention');
    // Another component in trouble still asks for attention.
    const worse = healthReport({
      status: 'down',
      components: { ...report.components, database: { state: 'down' } },
    });
    expect(trayState({ report: worse, card: 'card-absent' })).toBe('attention');
  });

  it('counts the documents on their way, and the ones to handle', () => {
    const report = withCard('ok');
    expect(buildTrayModel({ report, outbox: { remaining: 3, needsAction: 0 } })).toMatchObject({
      state: 'sending',
      icon: 'busy.png',
      tooltip: 'Navette — Envoi en cours (3 restants)',
      clickAction: 'open',
    });
    expect(buildTrayModel({ report, outbox: { remaining: 1, needsAction: 0 } }).tooltip).toBe(
      'Navette — Envoi en cours (1 restant)',
    );
    const attention = buildTrayModel({ report, outbox: { remaining: 2, needsAction: 1 } });
    expect(attention).toMatchObject({
      state: 'attention',
      tooltip: 'Navette — 1 document à traiter',
      clickAction: 'documents',
    });
    expect(attention.menu).toContainEqual({
      kind: 'action',
      action: 'documents',
      label: 'Voir les documents à traiter',
    });
    expect(buildTrayModel({ report, outbox: { remaining: 0, needsAction: 0 } }).state).toBe(
      'ready',
    );
  });

  it('offers start at login as a checkbox where the OS supports it', () => {
    const report = withCard('ok');
    expect(buildTrayModel({ report }).menu.some((i) => i.kind === 'toggle')).toBe(false);
    const menu = buildTrayModel({ report, startAtLogin: false }).menu;
    expect(menu).toContainEqual({
      kind: 'toggle',
      action: 'start-at-login',
      label: "Lancer Navette à l'ouverture de session",
      checked: false,
    });
    const actions: TrayAction[] = [];
    const template = toMenuTemplate(buildTrayModel({ report, startAtLogin: true }).menu, (a) =>
      actions.push(a),
    );
    const toggle = template.find((i) => i.type === 'checkbox');
    expect(toggle?.checked).toBe(true);
    toggle?.click?.({} as never, undefined, {} as never);
    expect(actions).toEqual(['start-at-login']);
  });
});

describe('toMenuTemplate', () => {
  it('makes status lines disabled and wires the actions', () => {
    const actions: TrayAction[] = [];
    const template = toMenuTemplate(buildTrayModel({ report: withCard('ok') }).menu, (a) =>
      actions.push(a),
    );
    expect(template.map((i) => [i.label, i.type, i.enabled])).toEqual([
      ['État : Prêt', undefined, false],
      [undefined, 'separator', undefined],
      ['Ouvrir Navette', undefined, undefined],
      [undefined, 'separator', undefined],
      ['Quitter', undefined, undefined],
    ]);
    for (const item of template) item.click?.({} as never, undefined, {} as never);
    expect(actions).toEqual(['open', 'quit']);
  });
});

describe('TrayController', () => {
  /** Records what Electron's Tray would have been told. */
  function fakes() {
    const calls: string[] = [];
    const listeners = new Map<string, () => void>();
    const tray = {
      on: (event: string, listener: () => void) => {
        listeners.set(event, listener);
        return tray;
      },
      setImage: (image: { file: string }) => calls.push(`image ${image.file}`),
      setToolTip: (text: string) => calls.push(`tooltip ${text}`),
      setContextMenu: (menu: { labels: string[] }) => calls.push(`menu ${menu.labels.join('|')}`),
      destroy: () => calls.push('destroy'),
    };
    const deps = {
      createTray: (image: NativeImage) => {
        calls.push(`create ${(image as unknown as { file: string }).file}`);
        return tray as unknown as Tray;
      },
      buildMenu: (template: MenuItemConstructorOptions[]) =>
        ({ labels: template.map((i) => i.label ?? '-') }) as unknown as Menu,
      loadIcon: (file: string) => ({ file }) as unknown as NativeImage,
    };
    return { calls, listeners, deps };
  }

  it('creates the tray once, redraws on change only, opens on click, and destroys', () => {
    const { calls, listeners, deps } = fakes();
    const actions: TrayAction[] = [];
    const controller = new TrayController(deps, '/icons/tray', (a) => actions.push(a));
    controller.show(buildTrayModel({ report: undefined }));
    controller.show(buildTrayModel({ report: undefined }));
    controller.show(buildTrayModel({ report: withCard('ok') }));
    listeners.get('click')?.();
    controller.destroy();
    expect(calls).toEqual([
      'create /icons/tray/busy.png',
      'tooltip Navette — Démarrage en cours…',
      'menu État : Démarrage en cours…|-|Ouvrir Navette|-|Quitter',
      'image /icons/tray/ready.png',
      'tooltip Navette — Prêt',
      'menu État : Prêt|-|Ouvrir Navette|-|Quitter',
      'destroy',
    ]);
    expect(actions).toEqual(['open']);
  });

  it('sends a click to the screen the current state calls for', () => {
    const { listeners, deps } = fakes();
    const actions: TrayAction[] = [];
    const controller = new TrayController(deps, '/icons/tray', (a) => actions.push(a));
    controller.show(buildTrayModel({ report: withCard('ok'), card: 'pin-needed' }));
    listeners.get('click')?.();
    controller.show(
      buildTrayModel({ report: withCard('ok'), outbox: { remaining: 0, needsAction: 2 } }),
    );
    listeners.get('click')?.();
    controller.show(buildTrayModel({ report: withCard('ok') }));
    listeners.get('click')?.();
    expect(actions).toEqual(['pin', 'documents', 'open']);
  });
});
