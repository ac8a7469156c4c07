import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { AlarmSound, type AlarmAudioContext, type SoundState } from './alarm-sound';

function browserAudio(): AlarmAudioContext | undefined {
  return typeof AudioContext === 'undefined' ? undefined : (new AudioContext() as unknown as AlarmAudioContext);
}

/**
 * The alarm sound for as long as the duty screen is on: it rings while `ringing()` is true (an
 * alarm nobody acknowledged) and chirps once when a step joins `overdue()`. The first click or
 * key anywhere on the page lets a blocked sound start (browsers' autoplay policy).
 */
export function useAlarmSound(ringing: () => boolean, overdue: () => readonly string[]): { state: Ref<SoundState>; unlock: () => void } {
  const sound = new AlarmSound(browserAudio);
  const state = ref<SoundState>(sound.state);
  const stopListening = sound.onChange((s) => (state.value = s));
  const unlock = (): void => void sound.unlock();

  watch(ringing, (on) => (on ? sound.ring() : sound.silence()), { immediate: true });

  // Steps already overdue when the screen opens are shown, not chirped; a new one is.
  let known = new Set(overdue());
  watch(overdue, (keys) => {
    if (keys.some((k) => !known.has(k))) sound.chirp();
    known = new Set(keys);
  });

  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
  onBeforeUnmount(() => {
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
    stopListening();
    sound.destroy();
  });
  return { state, unlock };
}
