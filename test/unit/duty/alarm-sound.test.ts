import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALARM_PATTERN, ALARM_PERIOD_S, AlarmSound, OVERDUE_CHIRP, scheduleOf, type AlarmAudioContext, type SoundState } from '../../../src-renderer/features/duty/alarm-sound';

/** A stand-in for the browser's AudioContext: it records the beeps, and starts suspended like a page nobody clicked yet. */
class FakeAudio implements AlarmAudioContext {
  state = 'suspended';
  currentTime = 10;
  destination = {};
  /** A gesture has happened: resume() works from now on. */
  gesture = false;
  beeps: { frequency: number; start: number; stop: number }[] = [];
  closed = false;

  resume(): Promise<void> {
    if (this.gesture) this.state = 'running';
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    this.state = 'closed';
    return Promise.resolve();
  }

  createOscillator() {
    const beep = { frequency: 0, start: 0, stop: 0 };
    return {
      type: 'sine',
      frequency: {
        set value(v: number) {
          beep.frequency = v;
        },
        get value() {
          return beep.frequency;
        },
      },
      connect: () => undefined,
      start: (t: number) => {
        beep.start = t;
        this.beeps.push(beep);
      },
      stop: (t: number) => {
        beep.stop = t;
      },
    };
  }

  createGain() {
    return { gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined }, connect: () => undefined };
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the alarm sound', () => {
  let audio: FakeAudio;
  let sound: AlarmSound;
  let states: SoundState[];

  beforeEach(() => {
    audio = new FakeAudio();
    sound = new AlarmSound(() => audio);
    states = [];
    sound.onChange((s) => states.push(s));
  });
  afterEach(() => {
    sound.destroy();
    vi.useRealTimers();
  });

  it('reports blocked while the browser holds sound back, and starts on the first interaction', async () => {
    sound.ring();
    await settle();
    expect(sound.state).toBe('blocked');
    expect(audio.beeps).toEqual([]);
    audio.gesture = true;
    await sound.unlock();
    expect(sound.state).toBe('ringing');
    expect(audio.beeps.map((b) => b.frequency)).toEqual(ALARM_PATTERN.map((b) => b.frequency));
    expect(states).toEqual(['blocked', 'ringing']);
  });

  it('repeats the pattern until silenced, then stays quiet; a chirp sounds once', async () => {
    vi.useFakeTimers();
    audio.gesture = true;
    sound.ring();
    await vi.advanceTimersByTimeAsync(0);
    expect(audio.beeps).toHaveLength(ALARM_PATTERN.length);
    await vi.advanceTimersByTimeAsync(ALARM_PERIOD_S * 1000 * 2);
    expect(audio.beeps).toHaveLength(ALARM_PATTERN.length * 3);
    // A second ring while ringing does not double the pattern.
    sound.ring();
    await vi.advanceTimersByTimeAsync(ALARM_PERIOD_S * 1000);
    expect(audio.beeps).toHaveLength(ALARM_PATTERN.length * 4);
    sound.silence();
    expect(sound.state).toBe('off');
    await vi.advanceTimersByTimeAsync(ALARM_PERIOD_S * 1000 * 3);
    expect(audio.beeps).toHaveLength(ALARM_PATTERN.length * 4);
    sound.chirp();
    expect(audio.beeps.slice(-OVERDUE_CHIRP.length).map((b) => b.frequency)).toEqual(OVERDUE_CHIRP.map((b) => b.frequency));
  });

  it('does not start when the alarm was acknowledged before the interaction came', async () => {
    sound.ring();
    await settle();
    sound.silence();
    audio.gesture = true;
    await sound.unlock();
    expect(sound.state).toBe('off');
    expect(audio.beeps).toEqual([]);
  });

  it('says unavailable without Web Audio, and closes its context when destroyed', async () => {
    const mute = new AlarmSound(() => undefined);
    mute.ring();
    await settle();
    expect(mute.state).toBe('unavailable');
    mute.destroy();
    sound.ring();
    sound.destroy();
    expect(audio.closed).toBe(true);
  });

  it('places each beep on the audio clock with its own length', () => {
    expect(scheduleOf(ALARM_PATTERN, 5).map((b) => [b.start, b.duration])).toEqual(ALARM_PATTERN.map((b) => [5 + b.start, b.duration]));
  });
});
