// The outbox as the tray and the notifications see it (OutboxActivityTracker, DesktopStatus), the
// notifications themselves (counts only, never patient data) and where a click leads.
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../../src/api/events.js';
import { CARD_ABSENT_REASON, PIN_NEEDED_REASON } from '../../../src/app/sending/cardGate.js';
import { DesktopStatus } from '../../../src/main/activity/DesktopStatus.js';
import { OutboxActivityTracker } from '../../../src/main/activity/OutboxActivityTracker.js';
import { cardReadinessOf } from '../../../src/main/activity/cardReadiness.js';
import {
  NotificationController,
  type NotificationLike,
} from '../../../src/main/notifications/NotificationController.js';
import {
  cardNotification,
  settledNotification,
  targetFragment,
  type NotificationTarget,
} from '../../../src/main/notifications/notificationPolicy.js';
import { healthReport } from './fixtures.js';

type Change = Extract<ServiceEvent, { type: 'outbox-item' }>['change'];
const item = (itemId: number, batchId: number | null, change: Change): ServiceEvent => ({
  type: 'outbox-item',
  itemId,
  batchId,
  change,
});

describe('OutboxActivityTracker', () => {
  it('counts documents on their way and documents to handle', () => {
    const tracker = new OutboxActivityTracker(1000);
    tracker.onEvent(item(1, 7, 'sending'), 0);
    tracker.onEvent(item(2, 7, 'retry'), 0);
    tracker.onEvent(item(3, null, 'sending'), 0);
    expect(tracker.activity()).toEqual({ remaining: 3, needsAction: 0 });
    tracker.onEvent(item(1, 7, 'sent'), 1);
    tracker.onEvent(item(2, 7, 'refused'), 1);
    tracker.onEvent(item(3, null, 'failed'), 1);
    expect(tracker.activity()).toEqual({ remaining: 0, needsAction: 2 });
    // A resend puts the document back on its way.
    tracker.onEvent(item(2, 7, 'sending'), 2);
    expect(tracker.activity()).toEqual({ remaining: 1, needsAction: 1 });
    tracker.acknowledge();
    expect(tracker.activity()).toEqual({ remaining: 1, needsAction: 0 });
    tracker.onEvent({ type: 'component-changed', component: 'card', status: { state: 'ok' } }, 3);
    expect(tracker.activity()).toEqual({ remaining: 1, needsAction: 0 });
  });

  it('reports a batch once it has stayed quiet, not in the gap between two documents', () => {
    const tracker = new OutboxActivityTracker(3000);
    tracker.onEvent(item(1, 7, 'sending'), 0);
    tracker.onEvent(item(1, 7, 'sent'), 1000);
    expect(tracker.takeSettled(2000)).toEqual([]);
    tracker.onEvent(item(2, 7, 'sending'), 2500);
    expect(tracker.takeSettled(5000)).toEqual([]);
    tracker.onEvent(item(2, 7, 'refused'), 5000);
    tracker.onEvent(item(3, null, 'sending'), 5000);
    tracker.onEvent(item(3, null, 'sent'), 5100);
    expect(tracker.takeSettled(7999)).toEqual([]);
    expect(tracker.takeSettled(8000)).toEqual([{ batchId: 7, sent: 1, needsAction: 1 }]);
    expect(tracker.takeSettled(8100)).toEqual([{ batchId: null, sent: 1, needsAction: 0 }]);
    expect(tracker.takeSettled(60_000)).toEqual([]);
  });
});

describe('cardReadinessOf', () => {
  const withOutbox = (state: 'ok' | 'degraded', message?: string) =>
    healthReport({
      components: {
        ...healthReport().components,
        outbox: message === undefined ? { state } : { state, message },
      },
    });

  it('reads the sending gate’s two sentences, and nothing else', () => {
    expect(cardReadinessOf(withOutbox('degraded', PIN_NEEDED_REASON))).toBe('pin-needed');
    expect(cardReadinessOf(withOutbox('degraded', CARD_ABSENT_REASON))).toBe('card-absent');
    expect(cardReadinessOf(withOutbox('degraded', 'Autre chose'))).toBeUndefined();
    expect(cardReadinessOf(withOutbox('ok'))).toBeUndefined();
    expect(cardReadinessOf(undefined)).toBeUndefined();
  });
});

describe('notification policy', () => {
  it('announces a batch that went through, with what is left to handle', () => {
    expect(settledNotification({ batchId: 7, sent: 12, needsAction: 0 })).toEqual({
      title: 'Lot envoyé',
      body: '12 documents envoyés au DMP.',
      target: { kind: 'batch', batchId: 7 },
    });
    expect(settledNotification({ batchId: 7, sent: 1, needsAction: 2 })).toEqual({
      title: 'Lot envoyé : 2 documents à traiter',
      body: '1 document envoyé au DMP ; 2 documents refusés ou en échec. Cliquez pour ouvrir le rapport du lot.',
      target: { kind: 'batch', batchId: 7 },
    });
  });

  it('announces the watched folders’ documents, leading to those to handle', () => {
    expect(settledNotification({ batchId: null, sent: 3, needsAction: 0 })).toEqual({
      title: 'Documents envoyés',
      body: '3 documents envoyés au DMP.',
      target: { kind: 'outbox' },
    });
    expect(settledNotification({ batchId: null, sent: 0, needsAction: 1 })).toEqual({
      title: '1 document à traiter',
      body: "Un document n'a pas pu être envoyé au DMP. Cliquez pour le voir.",
      target: { kind: 'documents' },
    });
    expect(settledNotification({ batchId: null, sent: 0, needsAction: 2 }).body).toBe(
      "Des documents n'ont pas pu être envoyés au DMP. Cliquez pour les voir.",
    );
  });

  it('asks for the PIN once, when the card starts waiting for it', () => {
    expect(cardNotification(undefined, 'pin-needed')?.target).toEqual({ kind: 'pin' });
    expect(cardNotification('card-absent', 'pin-needed')?.title).toBe('Code PIN nécessaire');
    expect(cardNotification('pin-needed', 'pin-needed')).toBeUndefined();
    expect(cardNotification('pin-needed', undefined)).toBeUndefined();
    expect(cardNotification(undefined, 'card-absent')).toBeUndefined();
  });

  it('leads each click to its screen', () => {
    expect(targetFragment({ kind: 'batch', batchId: 7 })).toBe('#/lot/7');
    expect(targetFragment({ kind: 'outbox' })).toBe('#/envois');
    expect(targetFragment({ kind: 'documents' })).toBe('#/envois/a-traiter');
    expect(targetFragment({ kind: 'pin' })).toBeUndefined();
  });
});

describe('DesktopStatus', () => {
  const pinReport = healthReport({
    status: 'degraded',
    components: {
      ...healthReport().components,
      card: { state: 'ok' },
      outbox: { state: 'degraded', message: PIN_NEEDED_REASON },
    },
  });

  it('turns reports and events into the tray input, notifications and component changes', () => {
    const status = new DesktopStatus(1000);
    const first = status.refresh(healthReport(), 0, { stopping: false, startAtLogin: false });
    expect(first.componentChanges).toHaveLength(4);
    expect(first.notifications).toEqual([]);
    expect(first.tray).toMatchObject({ startAtLogin: false, outbox: { remaining: 0 } });

    const pin = status.refresh(pinReport, 10, { stopping: false });
    expect(pin.tray.card).toBe('pin-needed');
    expect(pin.notifications.map((n) => n.target)).toEqual([{ kind: 'pin' }]);
    expect(pin.componentChanges.map((e) => e.type === 'component-changed' && e.component)).toEqual([
      'card',
      'outbox',
    ]);
    // Still waiting: no second notification.
    expect(status.refresh(pinReport, 20, { stopping: false }).notifications).toEqual([]);

    status.onServiceEvent(item(1, 4, 'sending'), 30);
    expect(status.refresh(undefined, 40, { stopping: false }).tray.outbox).toEqual({
      remaining: 1,
      needsAction: 0,
    });
    status.onServiceEvent(item(1, 4, 'sent'), 50);
    expect(status.refresh(undefined, 500, { stopping: false }).notifications).toEqual([]);
    const done = status.refresh(undefined, 1050, { stopping: true });
    expect(done.notifications.map((n) => n.title)).toEqual(['Lot envoyé']);
    expect(done.tray.stopping).toBe(true);
    // The last report stays what the tray shows while none is available.
    expect(done.tray.report).toBe(pinReport);
  });
});

describe('NotificationController', () => {
  function fakeNotifier(supported = true) {
    const shown: { options: { title: string; body: string }; emit(e: string): void }[] = [];
    const deps = {
      isSupported: () => supported,
      create: (options: { title: string; body: string; silent: boolean }): NotificationLike => {
        const listeners = new Map<string, () => void>();
        const n = {
          on: (event: string, listener: () => void) => listeners.set(event, listener),
          show: () => shown.push({ options, emit: (e) => listeners.get(e)?.() }),
        };
        return n;
      },
    };
    return { deps, shown };
  }

  it('shows, keeps it for its click, and leads the click to the target', () => {
    const { deps, shown } = fakeNotifier();
    const clicked: NotificationTarget[] = [];
    const controller = new NotificationController(deps, (t) => clicked.push(t));
    const notification = settledNotification({ batchId: 3, sent: 2, needsAction: 0 });
    expect(controller.show(notification)).toBe(true);
    expect(controller.show(cardNotification(undefined, 'pin-needed')!)).toBe(true);
    expect(controller.kept).toBe(2);
    shown[0]?.emit('click');
    shown[1]?.emit('close');
    expect(clicked).toEqual([{ kind: 'batch', batchId: 3 }]);
    expect(controller.kept).toBe(0);
    expect(shown[0]?.options).toEqual({
      title: 'Lot envoyé',
      body: '2 documents envoyés au DMP.',
      silent: false,
    });
  });

  it('does nothing where the OS has no notifications', () => {
    const { deps, shown } = fakeNotifier(false);
    const controller = new NotificationController(deps, () => undefined);
    expect(controller.show(settledNotification({ batchId: 1, sent: 1, needsAction: 0 }))).toBe(
      false,
    );
    expect(shown).toEqual([]);
  });
});
