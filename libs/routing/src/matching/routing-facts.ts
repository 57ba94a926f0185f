/** What the rules of one decision are tested against. */
export interface RoutingFacts {
  numberId: string;
  /** The customer message's text ('' when it has none: a sticker, a location). */
  text: string;
  /** Normalised once for every keyword test. */
  normalizedText: string;
  /** ISO 639-1 code detected in the text; null when it is too short or unclear. */
  language: string | null;
  /** The triage intent recognised in the text (the department plugin's intents), or null. */
  intent: string | null;
  withinBusinessHours: boolean;
  /** ISO 3166 country of the contact's phone, and the phone in E.164 (+5511…), when known. */
  country: string | null;
  phone: string | null;
  isNewContact: boolean;
  attributes: Record<string, string | number | boolean>;
  /** The card's field values; null when the conversation has no card. */
  cardFields: Record<string, unknown> | null;
}
