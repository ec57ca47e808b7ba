import { describe, expect, it } from 'vitest';
import {
  DUE_STATES,
  FINAL_STATES,
  LIVE_STATES,
  OUTBOX_STATES,
  TRANSITIONS,
  canTransition,
  isFinal,
  isOutboxState,
} from '../../../../src/store/outbox/outboxStates.js';

describe('outbox states', () => {
  it('lets no final state move on by itself (only a user may requeue a failed document)', () => {
    for (const state of FINAL_STATES) {
      expect(
        TRANSITIONS[state].filter((to) => to !== 'queued'),
        state,
      ).toEqual([]);
    }
    expect(canTransition('failed', 'queued')).toBe(true);
    expect(canTransition('refused', 'queued')).toBe(false);
    expect(canTransition('sent', 'sending')).toBe(false);
  });

  it('reaches sent only through sending, so a send is always recorded as started first', () => {
    const into = (target: string) =>
      OUTBOX_STATES.filter((s) => (TRANSITIONS[s] as readonly string[]).includes(target));
    expect(into('sent')).toEqual(['sending']);
    expect(into('sending')).toEqual(['queued', 'retry-wait']);
  });

  it('classifies states', () => {
    expect(OUTBOX_STATES.filter(isFinal)).toEqual(['sent', 'refused', 'failed', 'duplicate']);
    expect(LIVE_STATES).toEqual(['queued', 'sending', 'retry-wait', 'sent']);
    expect(DUE_STATES).toEqual(['queued', 'retry-wait']);
    expect(isOutboxState('retry-wait')).toBe(true);
    expect(isOutboxState('pending')).toBe(false);
    expect(isOutboxState(3)).toBe(false);
  });
});
