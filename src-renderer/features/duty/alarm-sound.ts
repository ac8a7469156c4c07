/**
 * The duty desk's alarm sound, made with Web Audio (an oscillator and a gain envelope, no audio
 * file to ship or to fail to load): a two-tone pattern repeated until every alarm is
 * acknowledged, and a single short chirp when a plan step goes overdue.
 *
 * Browsers start an AudioContext suspended until the person has interacted with the page
 * (autoplay policy). The sound then reports `blocked`; the screen shows a "click to enable sound"
 * control, and the first click or key anywhere on the page resumes it.
 */

export interface Beep {
  /** Hz. */
  frequency: number;
  /** Seconds from the start of the pattern. */
  start: number;
  duration: number;
}

/** Hi–lo, hi–lo: the pattern of a control-room alarm, distinct from any notification chirp. */
export const ALARM_PATTERN: readonly Beep[] = [
  { frequency: 960, start: 0, duration: 0.18 },
  { frequency: 720, start: 0.22, duration: 0.18 },
  { frequency: 960, start: 0.44, duration: 0.18 },
  { frequency: 720, start: 0.66, duration: 0.18 },
];
/** The pattern starts again this often while the alarm rings (seconds). */
export const ALARM_PERIOD_S = 1.6;
export const OVERDUE_CHIRP: readonly Beep[] = [
  { frequency: 1250, start: 0, duration: 0.12 },
  { frequency: 1250, start: 0.2, duration: 0.12 },
];

/** The beeps of one pattern placed on the audio clock at `at`. */
export function scheduleOf(pattern: readonly Beep[], at: number): Beep[] {
  return pattern.map((b) => ({ ...b, start: at + b.start }));
}

/** The part of an AudioContext this module uses (a fake one serves the unit tests). */
export interface AlarmAudioContext {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  resume(): Promise<void>;
  close(): Promise<void>;
  createOscillator(): { type: string; frequency: { value: number }; connect(node: unknown): unknown; start(at: number): void; stop(at: number): void };
  createGain(): {
    gain: { setValueAtTime(v: number, t: number): unknown; linearRampToValueAtTime(v: number, t: number): unknown };
    connect(node: unknown): unknown;
  };
}

/** off: silent by choice or nothing rings; ringing: audible; blocked: waiting for a first interaction; unavailable: no Web Audio. */
export type SoundState = 'off' | 'ringing' | 'blocked' | 'unavailable';

const VOLUME = 0.25;

export class AlarmSound {
  private context: AlarmAudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private wanted = false;
  private listeners = new Set<(state: SoundState) => void>();
  private current: SoundState = 'off';

  /** `createContext`: the browser's AudioContext (use-alarm-sound.ts), a fake one in tests; undefined = no Web Audio. */
  constructor(private readonly createContext: () => AlarmAudioContext | undefined) {}

  get state(): SoundState {
    return this.current;
  }

  onChange(listener: (state: SoundState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rings until `silence()`; harmless to call again while ringing. */
  ring(): void {
    this.wanted = true;
    void this.play();
  }

  silence(): void {
    this.wanted = false;
    clearInterval(this.timer);
    this.timer = undefined;
    this.set(this.current === 'unavailable' ? 'unavailable' : 'off');
  }

  /** One chirp (an overdue step), if sound may play now. */
  chirp(): void {
    const ctx = this.ensureContext();
    if (ctx?.state === 'running') this.schedule(ctx, OVERDUE_CHIRP);
  }

  /** The person interacted: the context may start now (call from a click or key handler). */
  async unlock(): Promise<void> {
    const ctx = this.ensureContext();
    if (!ctx) return;
    try {
      await ctx.resume();
    } catch {
      // Still blocked: the control stays on screen.
    }
    if (this.wanted) await this.play();
  }

  destroy(): void {
    this.silence();
    this.listeners.clear();
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  private async play(): Promise<void> {
    const ctx = this.ensureContext();
    if (!ctx) return this.set('unavailable');
    if (ctx.state !== 'running') {
      try {
        await ctx.resume();
      } catch {
        // blocked below
      }
    }
    if (!this.wanted) return;
    if (ctx.state !== 'running') return this.set('blocked');
    if (!this.timer) {
      this.schedule(ctx, ALARM_PATTERN);
      this.timer = setInterval(() => {
        if (this.context?.state === 'running') this.schedule(this.context, ALARM_PATTERN);
      }, ALARM_PERIOD_S * 1000);
    }
    this.set('ringing');
  }

  private schedule(ctx: AlarmAudioContext, pattern: readonly Beep[]): void {
    for (const beep of scheduleOf(pattern, ctx.currentTime + 0.02)) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = beep.frequency;
      // A short attack and release: no clicks at the edges.
      gain.gain.setValueAtTime(0, beep.start);
      gain.gain.linearRampToValueAtTime(VOLUME, beep.start + 0.01);
      gain.gain.setValueAtTime(VOLUME, beep.start + beep.duration - 0.02);
      gain.gain.linearRampToValueAtTime(0, beep.start + beep.duration);
      osc.connect(gain);
      gain.connect(ctx.destination);
      // A stopped oscillator disconnects and is collected: nothing accumulates over a long shift.
      osc.start(beep.start);
      osc.stop(beep.start + beep.duration);
    }
  }

  private ensureContext(): AlarmAudioContext | undefined {
    if (!this.context) {
      try {
        this.context = this.createContext();
      } catch {
        this.context = undefined;
      }
    }
    return this.context;
  }

  private set(state: SoundState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
