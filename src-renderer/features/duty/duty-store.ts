import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { componentRowsAnswerSchema } from '../../../src-shared/contract/map';
import type { CaseState } from '../../../src-shared/domain/case';
import type { CaseCommandInput, CommandPayloadInputs, CommandType } from '../../../src-shared/domain/commands';
import { allowedCommands } from '../../../src-shared/domain/decide';
import { isEmergencyCase } from '../../../src-shared/domain/emergency-response';
import { isRefusal, refusal, type Refusal } from '../../../src-shared/errors';
import { apiFetch } from '../../app/api';
import { useSession } from '../../app/session';
import { useLiveCases } from '../cases/live-cases';
import { boardOrder, defaultSelection, dutyBoard } from './duty-board';
import type { PlanPreviewAnswer } from './plan-preview';
import { fetchPlanPreview } from './plan-preview-request';
import { overdueStepIds } from './response-timeline';
import type { ComponentRow } from './scene';

/** Countdowns and overdue marks move with the clock, not only with events. */
const TICK_MS = 1_000;

/** A command the duty screen sends (the officer's own; departments act from their queue). */
export type DutyCommand = Extract<CommandType, 'acknowledgeAlarm' | 'startEmergencyPlan' | 'completeStep' | 'addLinkedDepartment' | 'escalateEmergency' | 'closeEmergency'>;

/**
 * The duty screen's state: the officer's board (alarms first) from the window's replica, the
 * selected case, its plan preview, the district's components (for the scene, fetched once), and
 * the last refusal. Commands go through the window's one socket (useLiveCases().command).
 */
export const useDuty = defineStore('duty', () => {
  const live = useLiveCases();
  const session = useSession();
  const now = ref(live.serviceNow());
  let timer: ReturnType<typeof setInterval> | undefined;
  const sending = ref(false);
  const lastRefusal = shallowRef<Refusal | null>(null);

  /** Urgent cases and those with a response, rescanned per applied batch (a few among thousands). */
  const mine = computed<CaseState[]>(() => {
    void live.revision;
    const out: CaseState[] = [];
    for (const c of live.all()) if (isEmergencyCase(c) || c.emergencyResponse) out.push(c);
    return out;
  });
  const board = computed(() => dutyBoard(mine.value, now.value));
  const alarms = computed(() => board.value.alarm);

  const picked = ref<string | null>(null);
  const selectedId = computed(() => defaultSelection(board.value, picked.value));
  const selected = computed<CaseState | undefined>(() => {
    void live.revision;
    return selectedId.value ? live.get(selectedId.value) : undefined;
  });

  const actor = computed(() => {
    const u = session.user;
    return u ? { userId: u.id, role: u.role, ...(u.departmentId ? { departmentId: u.departmentId } : {}) } : undefined;
  });
  /** What the officer may do now on the selected case: the table the service decides with. */
  const allowed = computed<ReadonlySet<CommandType>>(() => new Set(selected.value && actor.value ? allowedCommands(selected.value, actor.value) : []));

  /** Steps overdue now on any case of the board, as `caseId:stepId` (the chirp sounds for a new one). */
  const overdue = computed(() => boardOrder(board.value).flatMap((c) => overdueStepIds(c.emergencyResponse, now.value).map((id) => ({ caseId: c.id, stepId: id }))));

  const preview = shallowRef<PlanPreviewAnswer | Refusal | null>(null);
  const previewPlanCode = ref<string | undefined>(undefined);
  let previewAsked = 0;
  async function loadPreview(): Promise<void> {
    const c = selected.value;
    const ask = ++previewAsked;
    if (!c || c.emergencyResponse?.startedAt) {
      preview.value = null;
      return;
    }
    const answer = await fetchPlanPreview(c.id, previewPlanCode.value);
    if (ask === previewAsked) preview.value = answer;
  }
  // Another case, another plan chosen, or the case re-categorised: ask again.
  watch([selectedId, previewPlanCode, () => selected.value?.categoryCode, () => selected.value?.emergencyResponse?.startedAt], () => void loadPreview(), { immediate: true });
  watch(selectedId, () => {
    previewPlanCode.value = undefined;
    lastRefusal.value = null;
  });

  const components = shallowRef<readonly ComponentRow[] | null>(null);
  let componentsAsked = false;
  async function loadComponents(): Promise<void> {
    if (componentsAsked) return;
    componentsAsked = true;
    const answer = await apiFetch<unknown>('/api/district/components');
    const parsed = isRefusal(answer) ? undefined : componentRowsAnswerSchema.safeParse(answer);
    if (parsed?.success) components.value = parsed.data.rows;
    else componentsAsked = false; // asked again with the next selection
  }

  /**
   * Sends one of the officer's commands on a case, with the version the officer was looking at:
   * if someone else moved the case meanwhile the service refuses (VERSION_CONFLICT) rather than
   * act on a state nobody saw. A refusal stays on screen in both languages.
   */
  async function send<K extends DutyCommand>(caseId: string, type: K, payload: CommandPayloadInputs[K], seenVersion?: number): Promise<boolean> {
    sending.value = true;
    lastRefusal.value = null;
    const state = live.get(caseId);
    const version = seenVersion ?? state?.version;
    const input = { caseId, type, payload, ...(version !== undefined ? { expectedVersion: version } : {}) };
    try {
      const answer = await live.command(input as unknown as Omit<CaseCommandInput, 'commandId'>);
      if (!answer.ok) lastRefusal.value = answer;
      return answer.ok;
    } catch (error) {
      lastRefusal.value = refusal('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
      return false;
    } finally {
      sending.value = false;
    }
  }

  function select(caseId: string): void {
    picked.value = caseId;
  }

  /** The view ticks the clock while it is on screen. */
  function start(): void {
    now.value = live.serviceNow();
    timer ??= setInterval(() => (now.value = live.serviceNow()), TICK_MS);
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
  }

  return {
    now,
    board,
    alarms,
    selectedId,
    selected,
    actor,
    allowed,
    overdue,
    preview,
    previewPlanCode,
    components,
    loadComponents,
    sending,
    lastRefusal,
    send,
    select,
    start,
    stop,
  };
});
