/** Something that changed in one department, for the sockets allowed to see it. */
export interface RealtimeEvent {
  /** The socket event name, e.g. `message.created`, `conversation.updated`. */
  type: string;
  /** Every event belongs to exactly one department: its room is the widest audience the event may reach. */
  departmentId: string;
  /** Also sent to the conversation's room when the event concerns one conversation. */
  conversationId?: string;
  /** Also sent to these users' own rooms in the event's department (an assignment's new and previous owner). */
  userIds?: string[];
  /** `conversation`: the conversation's room only (presence), not the whole department. */
  audience?: 'department' | 'conversation';
  data: Record<string, unknown>;
}

/** What a socket receives: the event with a cursor a client keeps to resync from after a reconnect. */
export interface RealtimeEnvelope {
  type: string;
  departmentId: string;
  conversationId?: string;
  data: Record<string, unknown>;
  /**
   * The domain event's stream position (`<xid>:<seq>`) for events relayed from the domain event stream; `live:<n>`
   * (a cluster-wide sequence) for events outside it (presence), which are not kept and cannot be resynced from.
   */
  cursor: string;
  at: string;
}
