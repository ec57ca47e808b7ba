// The exchange's inactivity timer: progress restarts it, the caller's own time does not count.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from '../../../src/transport/IdleTimer.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('IdleTimer', () => {
  it('fires once after the idle time, and progress pushes it back', () => {
    const expired = vi.fn();
    const timer = new IdleTimer(100, expired);
    vi.advanceTimersByTime(90);
    timer.touch();
    vi.advanceTimersByTime(90);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(expired).toHaveBeenCalledTimes(1);
    timer.touch(); // expired timers stay expired
    vi.advanceTimersByTime(1000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('does not run while paused, and restarts a full window on resume', () => {
    const expired = vi.fn();
    const timer = new IdleTimer(100, expired);
    vi.advanceTimersByTime(90);
    timer.pause();
    timer.touch(); // no effect while paused
    vi.advanceTimersByTime(10_000);
    expect(expired).not.toHaveBeenCalled();
    timer.resume();
    vi.advanceTimersByTime(99);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never fires once stopped', () => {
    const expired = vi.fn();
    const timer = new IdleTimer(100, expired);
    timer.stop();
    timer.resume();
    vi.advanceTimersByTime(1000);
    expect(expired).not.toHaveBeenCalled();
  });
});
