import type { AgentCandidate } from '@switchboard/identity';

/** What of a conversation an agent must match. */
export interface Requirements {
  language: string | null;
  requiredSkills: string[];
}

const primary = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * The agent speaks the conversation's language: same primary subtag (an agent listing pt-BR serves a conversation
 * detected as pt, and the other way round), since language detection gives base languages. An agent who lists no
 * languages is not limited by language (otherwise nobody unconfigured would ever be given a detected conversation).
 */
export const speaks = (agent: AgentCandidate, language: string | null): boolean =>
  !language || !agent.languages.length || agent.languages.some((l) => primary(l) === primary(language));

export const hasSkills = (agent: AgentCandidate, skills: string[]): boolean =>
  skills.every((s) => agent.skills.includes(s));

/** Takes automatic assignments now: online (away takes none) and not off shift (no schedule: never off shift). */
export const takesWorkNow = (agent: AgentCandidate): boolean =>
  agent.availability === 'online' && agent.onShiftNow !== false;

/** Whether the agent may take the conversation, by the queue's matching rules (capacity is checked apart). */
export const matches = (
  agent: AgentCandidate,
  need: Requirements,
  rules: { matchLanguage: boolean; matchSkills: boolean },
): boolean =>
  (!rules.matchLanguage || speaks(agent, need.language)) &&
  (!rules.matchSkills || hasSkills(agent, need.requiredSkills));
