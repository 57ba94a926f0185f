import type { BoardView, CardView, Page, PipelineView } from '@switchboard/contracts';
import { refreshSession } from '../../api/client';
import { ApiError, errorDetail } from '../../api/errors';
import { bodyOf, http, type Outcome } from '../../api/http';
import type { paths } from '../../api/schema';

/** What the board and the list narrow cards by (q searches title, customer and field values). */
export type BoardFilter = Omit<
  NonNullable<paths['/api/pipelines/{id}/board']['get']['parameters']['query']>,
  'perStage'
>;

/** How a move ended: the card where it landed, or why the api refused it, in its own words. */
export type MoveOutcome =
  | { ok: true; card: CardView }
  /** 422: the stage needs these fields (keys) filled in first. */
  | { ok: false; reason: 'required'; missing: string[]; message: string }
  /** 400: a value given for a field does not fit its type; the message names the field. */
  | { ok: false; reason: 'invalid'; message: string }
  /** 409: the stage is at its WIP limit, or was retired. */
  | { ok: false; reason: 'refused'; message: string };

/** Runs a call; when the token is refused, renews it once from the refresh cookie and runs it again. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

export const boardApi = {
  pipelines: async (): Promise<PipelineView[]> => bodyOf(await authorized(() => http.GET('/api/pipelines'))),

  board: async (pipelineId: string, filter: BoardFilter): Promise<BoardView> =>
    bodyOf(
      await authorized(() =>
        http.GET('/api/pipelines/{id}/board', { params: { path: { id: pipelineId }, query: filter } }),
      ),
    ),

  /** A page of cards of one pipeline (one stage when `stage` is given), newest first. */
  cards: async (
    pipelineId: string,
    filter: BoardFilter,
    page: { stage?: string; cursor?: string; limit?: number },
  ): Promise<Page<CardView>> =>
    bodyOf(
      await authorized(() =>
        http.GET('/api/cards', { params: { query: { pipelineId, ...filter, ...page } } }),
      ),
    ),

  /** Moves a card to a stage (by key), filling `fields` on the way; a refusal is an answer, not an error. */
  move: async (cardId: string, stage: string, fields?: Record<string, unknown>): Promise<MoveOutcome> => {
    const outcome = await authorized(() =>
      http.POST('/api/cards/{id}/move', { params: { path: { id: cardId } }, body: { stage, fields } }),
    );
    const status = outcome.response.status;
    if (status !== 422 && status !== 400 && status !== 409) return { ok: true, card: bodyOf(outcome) };
    const body: unknown = outcome.error;
    const message = errorDetail(body, outcome.response.statusText);
    if (status === 409) return { ok: false, reason: 'refused', message };
    if (status === 400) return { ok: false, reason: 'invalid', message };
    const missing = (body as { missingFields?: unknown } | null)?.missingFields;
    if (!Array.isArray(missing)) throw new ApiError('http', message, status);
    return { ok: false, reason: 'required', missing: missing.map(String), message };
  },
};
