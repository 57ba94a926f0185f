/** Something that changed in one department, for the sockets allowed to see it. */
export interface RealtimeEvent {
  /** The socket event name, e.g. `message.created`, `conversation.updated`. */
  type: string;
  /** Every event belongs to exactly one department: its room is the widest audience the event may reach. */
  departmentId: string;
  /** Also sent to the conversation's room when the event concerns one conversation. */
  conversationId?: string;
  data: Record<string, unknown>;
}

/** What a socket receives: the event with a cursor a client keeps to resync from after a reconnect. */
export interface RealtimeEnvelope extends RealtimeEvent {
  /**
   * The domain event's stream position (`<xid>:<seq>`) for events relayed from the domain event stream; `live:<n>`
   * (a cluster-wide sequence) for events outside it.
   */
  cursor: string;
  at: string;
}
